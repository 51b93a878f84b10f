package org.townbrain.sensing.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.townbrain.sensing.forecast.ReplayFiles;
import org.townbrain.sensing.forecast.Skill;
import org.townbrain.sensing.forecast.SkillScorer;

/**
 * The warning-skill table over several simulated seasons and the replay speed, written to
 * {@code target/bench-sensing/RESULTS-skill.md} (copied into {@code bench/sensing/RESULTS.md} by hand). Run with
 * {@code ./mvnw -o test -Dbench=true -Dgroups=bench -Dtest=SensingSkillBench -DargLine=-Xmx8g}.
 */
@Tag("bench")
@org.junit.jupiter.api.condition.EnabledIfSystemProperty(named = "bench", matches = "true")
class SensingSkillBench {

    @Test
    void skillTableAndReplaySpeed() throws IOException {
        String[] seeds = System.getProperty("bench.seeds", "2026,2027,2028").split(",");
        Map<String, Skill> table = new LinkedHashMap<>();
        StringBuilder seasons = new StringBuilder();
        double bestSpeed = 0;
        long speedReadings = 0;
        double speedSeconds = 0;
        for (String seedText : seeds) {
            long seed = Long.parseLong(seedText.strip());
            StormSimulator sim = new StormSimulator(StormSimulator.Config.season(seed));
            Path dir = Path.of("target", "bench-sensing", "season-" + seed);
            long readings = sim.write(dir);
            long scoredFrom = sim.scoredFrom();
            ReplayFiles.Result withNowcasts = null;
            for (int run = 0; run < 3; run++) {
                ReplayFiles.Result r = ReplayFiles.replay(dir.resolve("S.csv"), dir.resolve("T.csv"),
                        dir.resolve("F.csv"), dir.resolve("W.csv"), null);
                if (withNowcasts == null || r.seconds() < withNowcasts.seconds()) {
                    withNowcasts = r;
                }
            }
            if (withNowcasts.readingsPerSecond() > bestSpeed) {
                bestSpeed = withNowcasts.readingsPerSecond();
                speedReadings = withNowcasts.readings();
                speedSeconds = withNowcasts.seconds();
            }
            ReplayFiles.Result noNowcasts = ReplayFiles.replay(dir.resolve("S.csv"), dir.resolve("T.csv"), null,
                    dir.resolve("W-no-nowcasts.csv"), null);
            add(table, "fixed threshold (orange 75% / red 90% of rim)",
                    SkillScorer.score(sim.truth, Warners.fixedThreshold(sim), scoredFrom));
            add(table, "rate of rise (last 15 min extrapolated: orange ≤ 60 / red ≤ 30 min to rim)",
                    SkillScorer.score(sim.truth, Warners.rateOfRise(sim), scoredFrom));
            add(table, "**forecaster: level + rain gauge + nowcasts**",
                    SkillScorer.score(sim.truth, withNowcasts.warnings(), scoredFrom));
            add(table, "forecaster: level + rain gauge, no nowcasts",
                    SkillScorer.score(sim.truth, noNowcasts.warnings(), scoredFrom));
            add(table, "upper bound: true catchment model and state + nowcasts",
                    SkillScorer.score(sim.truth, Warners.upperBound(sim), scoredFrom));
            seasons.append(String.format(Locale.ROOT, "- seed %d: %d rain gauges, %d manholes, %d days (first 30 warm-up), "
                            + "%d readings, %d nowcast windows%n", seed, sim.config.gauges(),
                    sim.config.gauges() * sim.config.manholesPerGauge(), sim.config.days(), readings, sim.nowcasts.size()));
        }
        StringBuilder md = new StringBuilder();
        md.append(seasons).append('\n');
        md.append(Skill.markdownHeader()).append('\n');
        table.forEach((name, skill) -> md.append(skill.markdownRow(name)).append('\n'));
        md.append(String.format(Locale.ROOT, "%nReplay speed in this JVM (best run; reading T.csv, parsing and forecasting; "
                + "warnings kept in memory): %d readings in %.3f s = **%.0f readings/s**.%n", speedReadings, speedSeconds,
                bestSpeed));
        System.out.println(md);
        Path results = Path.of("target", "bench-sensing", "RESULTS-skill.md");
        Files.createDirectories(results.getParent());
        Files.writeString(results, md.toString(), StandardCharsets.UTF_8);
    }

    private static void add(Map<String, Skill> table, String name, Skill skill) {
        table.merge(name, skill, Skill::plus);
    }
}
