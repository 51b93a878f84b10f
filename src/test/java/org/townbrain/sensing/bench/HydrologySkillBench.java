package org.townbrain.sensing.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.townbrain.sensing.WarningLevel;
import org.townbrain.sensing.forecast.OverflowForecaster;
import org.townbrain.sensing.forecast.ReplayFiles;
import org.townbrain.sensing.forecast.SensorSpec;
import org.townbrain.sensing.forecast.Skill;
import org.townbrain.sensing.forecast.SkillScorer;
import org.townbrain.sensing.forecast.Warning;

/**
 * Issue #15's skill table on the independent {@link HydrologySimulator}: the tuning seasons and the
 * held-out seasons (different seeds, never looked at while tuning) scored per season and together,
 * for the forecaster as it is now, the issue-4 forecaster (baseline, same jar, same run) and a
 * fixed-threshold warner (the "too easy" check). Written to {@code target/bench-sensing/RESULTS-hydrology.md}.
 * Run with {@code ./mvnw -o test -Dbench=true -Dgroups=bench -DexcludedGroups=none -Dtest=HydrologySkillBench}
 * ({@code -Dbench.tuning=1501,1502,1503 -Dbench.heldOut=1511,...} to choose seeds).
 */
@Tag("bench")
@org.junit.jupiter.api.condition.EnabledIfSystemProperty(named = "bench", matches = "true")
class HydrologySkillBench {

    static final String TUNING = "1501,1502,1503";
    static final String HELD_OUT = "1511,1512,1513,1514,1515,1516";

    @Test
    void heldOutSkill() throws IOException {
        StringBuilder md = new StringBuilder("# Issue #15: skill on the independent hydrology simulator\n\n");
        md.append(String.format(Locale.ROOT, "Machine: %d CPUs, JDK %s.%n%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version")));
        md.append(family("Tuning seasons", System.getProperty("bench.tuning", TUNING)));
        md.append(family("Held-out seasons", System.getProperty("bench.heldOut", HELD_OUT)));
        System.out.println(md);
        Path results = Path.of("target", "bench-sensing", "RESULTS-hydrology.md");
        Files.createDirectories(results.getParent());
        Files.writeString(results, md.toString(), StandardCharsets.UTF_8);
    }

    private static String family(String title, String seeds) throws IOException {
        Map<String, Skill> together = new LinkedHashMap<>();
        StringBuilder rows = new StringBuilder();
        char name = 'A';
        for (String seedText : seeds.split(",")) {
            long seed = Long.parseLong(seedText.strip());
            HydrologySimulator sim = new HydrologySimulator(HydrologySimulator.Config.season(seed));
            Path dir = Path.of("target", "bench-sensing", "hydrology-" + seed);
            long readings = sim.write(dir);
            Map<String, Skill> season = new LinkedHashMap<>();
            ReplayFiles.Result now = ReplayFiles.replay(dir.resolve("S.csv"), dir.resolve("T.csv"), dir.resolve("F.csv"),
                    dir.resolve("W.csv"), null, OverflowForecaster.Tuning.standard());
            ReplayFiles.Result before = ReplayFiles.replay(dir.resolve("S.csv"), dir.resolve("T.csv"),
                    dir.resolve("F.csv"), null, null, OverflowForecaster.Tuning.issue4());
            season.put("**forecaster now**", SkillScorer.score(sim.truth, now.warnings(), sim.scoredFrom()));
            season.put("baseline: issue-4 forecaster", SkillScorer.score(sim.truth, before.warnings(), sim.scoredFrom()));
            season.put("fixed threshold (orange 75% / red 90% of rim)",
                    SkillScorer.score(sim.truth, fixedThreshold(sim.sensors, sim.observedLevel, sim), sim.scoredFrom()));
            rows.append(String.format(Locale.ROOT, "%n%s %c — seed %d: %d gauges, %d manholes, %d readings, %d nowcast "
                    + "windows, replay %.0f readings/s%n%n", title.startsWith("Held") ? "Season" : "Tuning season", name,
                    seed, sim.config.gauges(), sim.config.gauges() * sim.config.manholesPerGauge(), readings,
                    sim.nowcasts.size(), now.readingsPerSecond()));
            rows.append(Skill.markdownHeader()).append('\n');
            season.forEach((warner, skill) -> {
                rows.append(skill.markdownRow(warner)).append('\n');
                together.merge(warner, skill, Skill::plus);
            });
            name++;
        }
        StringBuilder md = new StringBuilder("## ").append(title).append(" (seeds ").append(seeds).append(")\n");
        md.append("\nTogether:\n\n").append(Skill.markdownHeader()).append('\n');
        together.forEach((warner, skill) -> md.append(skill.markdownRow(warner)).append('\n'));
        md.append(rows).append('\n');
        return md.toString();
    }

    static List<Warning> fixedThreshold(List<SensorSpec> sensors, Map<String, double[]> observed,
            HydrologySimulator sim) {
        List<Warning> all = new ArrayList<>();
        for (SensorSpec s : sensors) {
            if (!s.manhole()) {
                continue;
            }
            Warners.Emitter e = new Warners.Emitter();
            double[] obs = observed.get(s.id());
            for (int k = 0; k < obs.length; k++) {
                if (Double.isNaN(obs[k])) {
                    continue;
                }
                long t = sim.time(k + 1);
                WarningLevel level = obs[k] >= 0.9 * s.rimLevel() ? WarningLevel.RED
                        : obs[k] >= 0.75 * s.rimLevel() ? WarningLevel.ORANGE : null;
                e.decide(s.id(), t, level, t);
            }
            all.addAll(e.warnings);
        }
        return all;
    }
}
