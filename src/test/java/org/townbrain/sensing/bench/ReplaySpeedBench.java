package org.townbrain.sensing.bench;

import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Writes a larger season (20 gauges, 100 manholes, 150 days: about 5 million readings) to
 * {@code target/bench-sensing/large} for timing {@code java -jar target/townbrain.jar replay}
 * (see {@code bench/sensing/run.sh}).
 */
@Tag("bench")
@EnabledIfSystemProperty(named = "bench", matches = "true")
class ReplaySpeedBench {

    @Test
    void writeLargeSeason() throws Exception {
        StormSimulator sim = new StormSimulator(new StormSimulator.Config(7, 20, 5, 150, 1777564800L));
        long readings = sim.write(Path.of("target", "bench-sensing", "large"));
        System.out.println("large season: " + readings + " readings");
    }
}
