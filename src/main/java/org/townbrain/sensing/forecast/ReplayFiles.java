package org.townbrain.sensing.forecast;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The replay's files: reads the sensors ({@code S.csv}), nowcasts ({@code F.csv}) and the
 * telemetry stream ({@code T.csv}, parsed by hand from bytes because it is millions of rows), runs
 * the forecaster over them and writes the warnings ({@code W.csv}).
 */
public final class ReplayFiles {

    private ReplayFiles() {
    }

    /** What a replay did. */
    public record Result(long readings, long rejected, long unknownSensor, List<Warning> warnings, double seconds) {

        public double readingsPerSecond() {
            return readings / Math.max(seconds, 1e-9);
        }
    }

    public static List<SensorSpec> readSensors(Path file) throws IOException {
        List<SensorSpec> sensors = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("sensor_id") || line.startsWith("\uFEFFsensor_id")) {
                continue;
            }
            String[] f = line.split(",", -1);
            if (f.length < 5) {
                throw new IllegalArgumentException("S.csv: expected sensor_id,kind,town_code,lat,lon,rim_level_m,gauge_id: "
                        + line);
            }
            String kind = f[1].strip();
            boolean manhole = kind.equals("manhole_level");
            if (!manhole && !kind.equals("rain_gauge")) {
                continue;
            }
            double rim = manhole ? Double.parseDouble(f[5].strip()) : Double.NaN;
            String gauge = manhole && f.length > 6 && !f[6].isBlank() ? f[6].strip() : null;
            sensors.add(new SensorSpec(f[0].strip(), manhole, f[2].strip(), parseOr(f[3]), parseOr(f[4]), rim, gauge));
        }
        return sensors;
    }

    public static Nowcasts readNowcasts(Path file) throws IOException {
        if (file == null) {
            return Nowcasts.none();
        }
        List<Nowcasts.Window> windows = new ArrayList<>();
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            lines.forEach(line -> {
                if (line.isBlank() || line.startsWith("gauge_id")) {
                    return;
                }
                String[] f = line.split(",", -1);
                if (f.length < 5) {
                    return;
                }
                try {
                    windows.add(new Nowcasts.Window(f[0].strip(), Timestamps.parse(f[1]), Timestamps.parse(f[2]),
                            Timestamps.parse(f[3]), Double.parseDouble(f[4].strip())));
                } catch (RuntimeException skipped) {
                    // a malformed nowcast row is left out; the others still count
                }
            });
        }
        return new Nowcasts(windows);
    }

    private static double parseOr(String s) {
        try {
            return Double.parseDouble(s.strip());
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    /** Runs the whole replay. */
    public static Result replay(Path sensorsFile, Path telemetryFile, Path forecastsFile, Path outFile,
            PrintStream progress) throws IOException {
        return replay(sensorsFile, telemetryFile, forecastsFile, outFile, progress, OverflowForecaster.Tuning.standard());
    }

    /** The replay with a chosen forecaster tuning (benchmarks measure the issue-4 baseline with it). */
    public static Result replay(Path sensorsFile, Path telemetryFile, Path forecastsFile, Path outFile,
            PrintStream progress, OverflowForecaster.Tuning tuning) throws IOException {
        List<SensorSpec> sensors = readSensors(sensorsFile);
        Nowcasts nowcasts = readNowcasts(forecastsFile);
        List<Warning> warnings = new ArrayList<>();
        OverflowForecaster forecaster = new OverflowForecaster(sensors, nowcasts, OverflowForecaster.Ladder.standard(),
                tuning, warnings::add);
        long started = System.nanoTime();
        TelemetryReader reader = new TelemetryReader(forecaster, progress, Files.size(telemetryFile));
        try (InputStream in = Files.newInputStream(telemetryFile)) {
            reader.read(in);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        ZoneOffset offset = reader.offset == null ? ZoneOffset.UTC : reader.offset;
        if (outFile != null) {
            writeWarnings(outFile, warnings, offset);
        }
        return new Result(reader.readings, reader.rejected, reader.unknown, warnings, seconds);
    }

    public static void writeWarnings(Path outFile, List<Warning> warnings, ZoneOffset offset) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(outFile, StandardCharsets.UTF_8)) {
            w.write("sensor_id,issued_at,predicted_overflow_at,level\n");
            for (Warning warning : warnings) {
                w.write(warning.sensorId());
                w.write(',');
                w.write(Timestamps.format(warning.issuedAt(), offset));
                w.write(',');
                w.write(Timestamps.format(warning.predictedOverflowAt(), offset));
                w.write(',');
                w.write(warning.level().word());
                w.write('\n');
            }
        }
    }

    /** Streams {@code sensor_id,observed_at,value} rows into the forecaster. */
    static final class TelemetryReader {
        private final OverflowForecaster forecaster;
        private final PrintStream progress;
        private final long totalBytes;
        private final SensorTable table = new SensorTable();
        long readings;
        long rejected;
        long unknown;
        ZoneOffset offset;
        private byte[] lastTime = new byte[40];
        private int lastTimeLength = -1;
        private long lastEpoch;
        private long bytesRead;
        private long nextReport;

        TelemetryReader(OverflowForecaster forecaster, PrintStream progress, long totalBytes) {
            this.forecaster = forecaster;
            this.progress = progress;
            this.totalBytes = totalBytes;
            this.nextReport = totalBytes / 10;
        }

        void read(InputStream in) throws IOException {
            byte[] buf = new byte[1 << 20];
            int carry = 0;
            boolean first = true;
            while (true) {
                int n = in.read(buf, carry, buf.length - carry);
                if (n < 0) {
                    if (carry > 0) {
                        line(buf, 0, carry, first);
                    }
                    break;
                }
                int end = carry + n;
                int start = 0;
                for (int i = carry; i < end; i++) {
                    if (buf[i] == '\n') {
                        line(buf, start, i, first);
                        first = false;
                        start = i + 1;
                    }
                }
                bytesRead += start;
                carry = end - start;
                System.arraycopy(buf, start, buf, 0, carry);
                if (carry == buf.length) {
                    buf = java.util.Arrays.copyOf(buf, buf.length * 2);
                }
                if (progress != null && bytesRead >= nextReport) {
                    progress.printf("replay: %d%% (%d readings)%n", totalBytes == 0 ? 100 : bytesRead * 100 / totalBytes,
                            readings);
                    nextReport += Math.max(1, totalBytes / 10);
                }
            }
        }

        private void line(byte[] b, int from, int to, boolean first) {
            if (to > from && b[to - 1] == '\r') {
                to--;
            }
            if (to <= from) {
                return;
            }
            int c1 = indexOf(b, from, to, (byte) ',');
            int c2 = c1 < 0 ? -1 : indexOf(b, c1 + 1, to, (byte) ',');
            if (c2 < 0) {
                rejected++;
                return;
            }
            if (first && b[from] == 's' && startsWith(b, from, "sensor_id")) {
                return;
            }
            int sensor = table.lookup(b, from, c1, forecaster);
            if (sensor == SensorTable.UNKNOWN) {
                unknown++;
                return;
            }
            long at;
            double value;
            try {
                at = time(b, c1 + 1, c2);
                value = Numbers.parse(b, c2 + 1, to);
            } catch (RuntimeException e) {
                rejected++;
                return;
            }
            if (Double.isNaN(value)) {
                rejected++;
                return;
            }
            readings++;
            if (sensor >= 0) {
                forecaster.level(sensor, at, value);
            } else {
                forecaster.rain(-sensor - 2, at, value);
            }
        }

        private long time(byte[] b, int from, int to) {
            int n = to - from;
            if (n == lastTimeLength && java.util.Arrays.equals(b, from, to, lastTime, 0, n)) {
                return lastEpoch;
            }
            lastEpoch = Timestamps.parse(b, from, to);
            if (n <= lastTime.length) {
                System.arraycopy(b, from, lastTime, 0, n);
                lastTimeLength = n;
            } else {
                lastTimeLength = -1;
            }
            if (offset == null) {
                offset = Timestamps.offsetOf(new String(b, from, n, StandardCharsets.US_ASCII));
            }
            return lastEpoch;
        }

        private static int indexOf(byte[] b, int from, int to, byte c) {
            for (int i = from; i < to; i++) {
                if (b[i] == c) {
                    return i;
                }
            }
            return -1;
        }

        private static boolean startsWith(byte[] b, int from, String prefix) {
            for (int i = 0; i < prefix.length(); i++) {
                if (b[from + i] != prefix.charAt(i)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Sensor ids as bytes → index (manhole ≥ 0, gauge g as -2-g, unknown -1), without making Strings. */
    static final class SensorTable {
        static final int UNKNOWN = -1;
        private byte[][] keys = new byte[1024][];
        private int[] values = new int[1024];
        private int size;

        int lookup(byte[] b, int from, int to, OverflowForecaster forecaster) {
            int h = 1;
            for (int i = from; i < to; i++) {
                h = 31 * h + b[i];
            }
            int mask = keys.length - 1;
            int slot = (h ^ (h >>> 16)) & mask;
            while (keys[slot] != null) {
                byte[] k = keys[slot];
                if (k.length == to - from && java.util.Arrays.equals(k, 0, k.length, b, from, to)) {
                    return values[slot];
                }
                slot = (slot + 1) & mask;
            }
            String id = new String(b, from, to - from, StandardCharsets.UTF_8).strip();
            int m = forecaster.manhole(id);
            int value = m >= 0 ? m : forecaster.gauge(id) >= 0 ? -2 - forecaster.gauge(id) : UNKNOWN;
            keys[slot] = java.util.Arrays.copyOfRange(b, from, to);
            values[slot] = value;
            if (++size * 2 > keys.length) {
                rehash();
            }
            return value;
        }

        private void rehash() {
            byte[][] oldKeys = keys;
            int[] oldValues = values;
            keys = new byte[oldKeys.length * 2][];
            values = new int[oldKeys.length * 2];
            int mask = keys.length - 1;
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldKeys[i] == null) {
                    continue;
                }
                int h = 1;
                for (byte x : oldKeys[i]) {
                    h = 31 * h + x;
                }
                int slot = (h ^ (h >>> 16)) & mask;
                while (keys[slot] != null) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = oldKeys[i];
                values[slot] = oldValues[i];
            }
        }
    }
}
