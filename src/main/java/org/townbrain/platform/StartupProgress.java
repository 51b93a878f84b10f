package org.townbrain.platform;

import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * One line on the console per step of a start, written at once (the first steps run before
 * logging is set up), so a person watching a first start — which unpacks PostgreSQL, creates
 * its cluster and loads the demo county — sees what it is doing instead of a silent wait.
 */
public final class StartupProgress {

    private StartupProgress() {
    }

    /** Says which step begins now, with the seconds since the JVM started. */
    public static void step(String what) {
        double seconds = ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0;
        System.out.println(String.format(Locale.ROOT, "TownBrain start %6.1f s  %s", seconds, what));
        System.out.flush();
    }
}
