package org.townbrain.evaluation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.townbrain.platform.errors.NotFoundException;
import org.townbrain.platform.scope.OutOfScopeException;
import org.townbrain.platform.scope.Scope;
import org.townbrain.platform.scope.ScopeProvider;
import org.townbrain.region.Cluster;
import org.townbrain.region.Regions;
import org.townbrain.region.Tier;

/** Read models for pages and the API: scoped standings, cluster ranking, trends. */
@Service
@Transactional(readOnly = true)
class Reports {

    private final Standings standings;
    private final CatalogueRepository catalogues;
    private final Regions regions;
    private final ScopeProvider scopes;

    Reports(Standings standings, CatalogueRepository catalogues, Regions regions, ScopeProvider scopes) {
        this.standings = standings;
        this.catalogues = catalogues;
        this.regions = regions;
        this.scopes = scopes;
    }

    record ClusterRow(long id, String name, int towns, double meanScore, long model, long baseline, int rank) {
    }

    record TrendPoint(int year, double score, double commonScore, double bonusScore, Double satisfaction, Tier tier) {
    }

    Standing standing(int year) {
        return standings.of(year).orElseThrow(() -> new NotFoundException("catalogue " + year));
    }

    /** The entries the caller may see, best first. */
    List<Standing.Entry> visible(Standing standing) {
        Scope scope = scopes.current();
        return standing.entries().stream().filter(e -> scope.coversWholeTown(e.town().code())).toList();
    }

    Standing.Entry entry(int year, String townCode) {
        if (!scopes.current().coversWholeTown(townCode)) {
            throw new OutOfScopeException("town");
        }
        return standing(year).entry(townCode).orElseThrow(() -> new NotFoundException("town"));
    }

    /** Clusters ranked by mean score: county-level callers only (others get an empty list). */
    List<ClusterRow> clusters(Standing standing) {
        if (!scopes.current().wholeCounty()) {
            return List.of();
        }
        List<ClusterRow> rows = new ArrayList<>();
        for (Cluster cluster : regions.clusters()) {
            List<Standing.Entry> members = standing.entries().stream()
                    .filter(e -> cluster.memberTownCodes().contains(e.town().code())).toList();
            if (members.isEmpty()) {
                continue;
            }
            double mean = members.stream().mapToDouble(e -> e.scorecard().score()).average().orElse(0);
            rows.add(new ClusterRow(cluster.id(), cluster.name(), members.size(), Scoring.round(mean),
                    members.stream().filter(e -> e.scorecard().tier() == Tier.MODEL).count(),
                    members.stream().filter(e -> e.scorecard().tier() == Tier.BASELINE).count(), 0));
        }
        rows.sort(Comparator.comparingDouble(ClusterRow::meanScore).reversed());
        List<ClusterRow> ranked = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            ClusterRow r = rows.get(i);
            ranked.add(new ClusterRow(r.id(), r.name(), r.towns(), r.meanScore(), r.model(), r.baseline(), i + 1));
        }
        return ranked;
    }

    /** A town's results in every year with a catalogue, oldest first. */
    List<TrendPoint> trend(String townCode) {
        if (!scopes.current().coversWholeTown(townCode)) {
            throw new OutOfScopeException("town");
        }
        List<TrendPoint> points = new ArrayList<>();
        for (int year : catalogues.years()) {
            Optional<Standing.Entry> e = standings.of(year).flatMap(s -> s.entry(townCode));
            e.filter(x -> x.status() != null).ifPresent(x -> points.add(new TrendPoint(year, x.scorecard().score(),
                    x.scorecard().commonScore(), x.scorecard().bonusScore(), x.scorecard().satisfaction(), x.scorecard().tier())));
        }
        return points;
    }

    Map<Tier, Long> tierCounts(List<Standing.Entry> entries) {
        Map<Tier, Long> counts = new LinkedHashMap<>();
        for (Tier t : Tier.values()) {
            counts.put(t, entries.stream().filter(e -> e.scorecard().tier() == t).count());
        }
        return counts;
    }

    List<Integer> years() {
        return catalogues.years();
    }
}
