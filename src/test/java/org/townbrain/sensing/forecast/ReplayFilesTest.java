package org.townbrain.sensing.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.townbrain.sensing.Replay;
import org.townbrain.sensing.WarningLevel;

class ReplayFilesTest {

    @TempDir
    Path dir;

    @Test
    void timestampsWithOffsetsSecondsFractionsAndZuluAreRead() {
        long expected = java.time.OffsetDateTime.parse("2026-06-01T08:05:00+08:00").toEpochSecond();
        assertThat(Timestamps.parse("2026-06-01T08:05:00+08:00")).isEqualTo(expected);
        assertThat(Timestamps.parse("2026-06-01T08:05+08:00")).isEqualTo(expected);
        assertThat(Timestamps.parse("2026-06-01T00:05:00.000Z")).isEqualTo(expected);
        assertThat(Timestamps.parse("2026-05-31T19:05:00-05:00")).isEqualTo(expected);
        assertThat(Timestamps.parse("2026-06-01T08:05:00+08:00[Asia/Shanghai]".substring(0, 25))).isEqualTo(expected);
    }

    @Test
    void aStormThatFillsTheManholeIsWarnedOfBeforeItOverflowsAndBadRowsAreCountedNotFatal() throws Exception {
        Files.writeString(dir.resolve("S.csv"), """
                sensor_id,kind,town_code,lat,lon,rim_level_m,gauge_id
                RG1,rain_gauge,330182104,29.5,119.5,,
                MH1,manhole_level,330182104,29.5,119.5,1.50,RG1
                """);
        StringBuilder t = new StringBuilder("sensor_id,observed_at,value\n");
        long start = Timestamps.parse("2026-06-01T00:00:00+08:00");
        double level = 0.2;
        double surface = 0;
        List<Long> overflowAt = new ArrayList<>();
        for (int k = 1; k <= 288 * 3; k++) {
            long at = start + k * 300L;
            double rain = k > 288 * 2 && k < 288 * 2 + 48 ? 4.0 : 0;
            surface += rain;
            double q = surface * 0.3;
            surface -= q;
            level += 0.03 * q - Math.min(0.05 * (level - 0.2), 0.02);
            if (level >= 1.5 && overflowAt.isEmpty()) {
                overflowAt.add(at);
            }
            String time = Timestamps.format(at, java.time.ZoneOffset.ofHours(8));
            t.append("RG1,").append(time).append(',').append(rain).append('\n');
            t.append("MH1,").append(time).append(',').append(k == 300 ? "9.99" : String.format(java.util.Locale.ROOT, "%.3f", level)).append('\n');
        }
        t.append("MH1,not-a-time,1.0\nNOPE,2026-06-01T00:00:00+08:00,1.0\n");
        Files.writeString(dir.resolve("T.csv"), t);
        assertThat(overflowAt).isNotEmpty();

        ReplayFiles.Result result = ReplayFiles.replay(dir.resolve("S.csv"), dir.resolve("T.csv"), null,
                dir.resolve("W.csv"), null);

        assertThat(result.rejected()).isEqualTo(1);
        assertThat(result.unknownSensor()).isEqualTo(1);
        List<String> lines = Files.readAllLines(dir.resolve("W.csv"));
        assertThat(lines.get(0)).isEqualTo("sensor_id,issued_at,predicted_overflow_at,level");
        Warning first = result.warnings().stream().filter(w -> w.level().isWarning()).findFirst().orElseThrow();
        assertThat(first.issuedAt()).isLessThan(overflowAt.get(0));
        assertThat(first.issuedAt()).isGreaterThan(start + 288 * 2 * 300L);
        assertThat(result.warnings()).allMatch(w -> w.level() != null);
        assertThat(lines.get(1)).matches("MH1,2026-06-03T.*\\+08:00,2026-06-03T.*\\+08:00,(blue|yellow|orange|red)");
    }

    @Test
    void theCommandAnswersUsageForMissingOptions() {
        var err = new java.io.ByteArrayOutputStream();
        int code = Replay.run(new String[] {"replay", "--sensors", "S.csv"}, new java.io.PrintStream(err));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("usage: replay");
        assertThat(WarningLevel.ofWord("orange")).isEqualTo(WarningLevel.ORANGE);
    }
}
