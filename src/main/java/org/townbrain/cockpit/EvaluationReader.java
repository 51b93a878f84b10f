package org.townbrain.cockpit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.townbrain.evaluation.Evaluations;
import org.townbrain.evaluation.TownResult;
import org.townbrain.platform.scope.Scope;
import org.townbrain.platform.scope.ScopeProvider;
import org.townbrain.region.Regions;
import org.townbrain.region.Tier;
import org.townbrain.region.Town;

/**
 * Evaluation results of the period's year (or the latest year scored before it): tiers reached,
 * average score, and the indicators that keep towns from the next tier. A programme town below
 * the baseline tier is in trouble.
 */
@Component
@Order(70)
class EvaluationReader implements FigureReader {

    private static final Duration REUSE = Duration.ofSeconds(30);

    private record Cached(Instant at, List<TownResult> results) {
    }

    private final Evaluations evaluations;
    private final Regions regions;
    private final ScopeProvider scopes;
    private final Clock clock;
    // the live feed re-reads every open cockpit on a short cycle: score a year once per 30 s, not per refresh
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    EvaluationReader(Evaluations evaluations, Regions regions, ScopeProvider scopes, Clock clock) {
        this.evaluations = evaluations;
        this.regions = regions;
        this.scopes = scopes;
        this.clock = clock;
    }

    @Override
    public void read(Unit unit, Period period, Figures figures, Map<String, Figures> children) {
        if (unit.villageCode() != null) {
            return;
        }
        int year = period.to().getYear();
        List<TownResult> results = results(year);
        if (results.isEmpty()) {
            results = results(year - 1);
            year--;
        }
        if (results.isEmpty()) {
            return;
        }
        Map<String, TownResult> byTown = new HashMap<>();
        results.forEach(r -> byTown.put(r.townCode(), r));
        List<Town> towns = regions.towns();
        Set<String> inProgramme = towns.stream().filter(Town::inProgramme).map(Town::code).collect(Collectors.toSet());
        // the unit's rows in the module's order (best first), the children's by lookup
        List<TownResult> mine = results.stream().filter(r -> unit.townCodes().contains(r.townCode())).toList();
        if (fill(year, mine, inProgramme, figures)) {
            Map<String, String> names = towns.stream().collect(Collectors.toMap(Town::code, Town::name));
            figures.list("gaps", mine.stream().filter(r -> !r.gaps().isEmpty()).limit(10)
                    .map(r -> Map.<String, Object>of("title", names.getOrDefault(r.townCode(), r.townCode()) + " · " + r.tier(),
                            "detail", r.gaps().stream().limit(3).map(TownResult.Gap::indicator)
                                    .collect(Collectors.joining("、")),
                            "severity", r.tier() == Tier.NONE ? "orange" : "blue"))
                    .toList());
        }
        for (Unit.Child child : unit.children()) {
            if (!child.village()) {
                List<TownResult> theirs = child.townCodes().stream().map(byTown::get).filter(java.util.Objects::nonNull).toList();
                fill(year, theirs, inProgramme, children.get(child.id()));
            }
        }
    }

    /** Puts the headline figures of these results; false when there are none. */
    private static boolean fill(int year, List<TownResult> mine, Set<String> inProgramme, Figures figures) {
        if (mine.isEmpty()) {
            return false;
        }
        figures.put("evaluationYear", year);
        figures.put("evaluatedModel", mine.stream().filter(r -> r.tier() == Tier.MODEL).count());
        figures.put("evaluatedBaseline", mine.stream().filter(r -> r.tier() == Tier.BASELINE).count());
        OptionalDouble average = mine.stream().mapToDouble(TownResult::score).average();
        figures.put("averageScore", Math.round(average.orElse(0) * 10) / 10.0);
        if (mine.stream().anyMatch(r -> r.tier() == Tier.NONE && inProgramme.contains(r.townCode()))) {
            figures.trouble("cockpit.trouble.tier");
        }
        return true;
    }

    private List<TownResult> results(int year) {
        Scope scope = scopes.current();
        String key = year + "|" + scope;
        Cached cached = cache.get(key);
        Instant now = clock.instant();
        if (cached != null && cached.at().plus(REUSE).isAfter(now)) {
            return cached.results();
        }
        List<TownResult> results = evaluations.results(year);
        cache.put(key, new Cached(now, results));
        return results;
    }
}
