package org.townbrain.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Assertions;
import org.opentest4j.TestAbortedException;

/**
 * The real programs some tests drive, and the Debian packages they come from. A test that needs
 * one calls {@link #require}: when the program is missing the test <em>fails</em> and names the
 * package (the README's {@code ./run-tests} installs them). It never skips, except when a developer
 * explicitly leaves the component out with {@code -Dwithout=browser} (or {@code mqtt}, or both,
 * comma-separated); {@link LeftOutTests} then prints how many tests that left out. CI never does.
 */
public final class Requirements {

    /** Set by the Maven property {@code without} (see pom.xml). */
    static final String LEFT_OUT_PROPERTY = "townbrain.without";
    static final String LEFT_OUT_PREFIX = "Left out by -Dwithout=";

    /** An outside program and the packages that install it. */
    public enum Component {
        BROWSER("browser", "chromium chromium-driver", "/usr/bin/chromium", "/usr/bin/chromedriver"),
        MQTT_BROKER("mqtt", "mosquitto", "/usr/sbin/mosquitto");

        final String switchName;
        final String packages;
        final List<Path> programs;

        Component(String switchName, String packages, String... programs) {
            this.switchName = switchName;
            this.packages = packages;
            this.programs = Arrays.stream(programs).map(Path::of).toList();
        }

        public Path program(int index) {
            return programs.get(index);
        }
    }

    private Requirements() {
    }

    /** Fails the test (naming the package) unless every program of the component is installed. */
    public static void require(Component component) {
        if (leftOut(component)) {
            throw new TestAbortedException(LEFT_OUT_PREFIX + component.switchName);
        }
        List<Path> missing = component.programs.stream().filter(p -> !Files.isExecutable(p)).toList();
        if (!missing.isEmpty()) {
            Assertions.fail("This test drives " + missing + ", not installed here: it comes from the Debian package(s) "
                    + component.packages + ". Run ./run-tests (it installs them), or apt-get install -y " + component.packages
                    + "; for a quick run without it, pass -Dwithout=" + component.switchName + " (never in CI).");
        }
    }

    static boolean leftOut(Component component) {
        String without = System.getProperty(LEFT_OUT_PROPERTY, "");
        return Arrays.stream(without.toLowerCase(Locale.ROOT).split(","))
                .map(String::trim).anyMatch(component.switchName::equals);
    }
}
