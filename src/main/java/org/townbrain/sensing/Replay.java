package org.townbrain.sensing;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.townbrain.sensing.forecast.ReplayFiles;

/**
 * {@code java -jar townbrain.jar replay --sensors S.csv --telemetry T.csv [--forecasts F.csv] --out W.csv}:
 * runs the forecaster over a season's files in-process, with no web server and no database,
 * printing progress to stderr. Started from {@code TownBrainApplication.main} before Spring.
 */
public final class Replay {

    private Replay() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.err));
    }

    /** Runs the replay; {@code args} may start with the word {@code replay}. Returns the exit code. */
    public static int run(String[] args, PrintStream err) {
        Map<String, String> options = new HashMap<>();
        int start = args.length > 0 && args[0].equals("replay") ? 1 : 0;
        for (int i = start; i < args.length; i++) {
            String a = args[i];
            if (a.startsWith("--") && a.contains("=")) {
                options.put(a.substring(2, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
            } else if (a.startsWith("--") && i + 1 < args.length) {
                options.put(a.substring(2), args[++i]);
            } else {
                return usage(err, "unexpected argument: " + a);
            }
        }
        if (!options.containsKey("sensors") || !options.containsKey("telemetry") || !options.containsKey("out")) {
            return usage(err, "--sensors, --telemetry and --out are required");
        }
        try {
            ReplayFiles.Result result = ReplayFiles.replay(Path.of(options.get("sensors")),
                    Path.of(options.get("telemetry")),
                    options.containsKey("forecasts") ? Path.of(options.get("forecasts")) : null,
                    Path.of(options.get("out")), err);
            err.printf(Locale.ROOT, "replay: %d readings in %.2f s (%.0f readings/s), %d rejected rows, "
                            + "%d rows of unknown sensors, %d warnings written to %s%n",
                    result.readings(), result.seconds(), result.readingsPerSecond(), result.rejected(),
                    result.unknownSensor(), result.warnings().size(), options.get("out"));
            return 0;
        } catch (java.io.IOException | RuntimeException e) {
            err.println("replay failed: " + e.getMessage());
            return 1;
        }
    }

    private static int usage(PrintStream err, String problem) {
        err.println(problem);
        err.println("usage: replay --sensors S.csv --telemetry T.csv [--forecasts F.csv] --out W.csv");
        return 2;
    }
}
