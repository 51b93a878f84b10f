package org.townbrain.evaluation;

import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.townbrain.platform.scope.ScopeProvider;

/**
 * The evaluation module's API: each town's result for a year, limited to the caller's scope.
 */
@Service
public class Evaluations {

    private final Standings standings;
    private final CatalogueRepository catalogues;
    private final ScopeProvider scopes;

    Evaluations(Standings standings, CatalogueRepository catalogues, ScopeProvider scopes) {
        this.standings = standings;
        this.catalogues = catalogues;
        this.scopes = scopes;
    }

    /**
     * The names of the year's indicators by code (gaps name indicators by code), plus
     * {@code SATISFACTION}; empty when the year has no catalogue.
     */
    public java.util.Map<String, String> indicatorNames(int year) {
        java.util.Map<String, String> names = new java.util.HashMap<>();
        catalogues.find(year).ifPresent(c -> c.indicators().forEach(i -> names.put(i.code(), i.name())));
        if (!names.isEmpty()) {
            names.putIfAbsent("SATISFACTION", "群众满意度");
        }
        return names;
    }

    /** The results of the towns the caller may see, best first; empty when the year has no catalogue. */
    public List<TownResult> results(int year) {
        var scope = scopes.current();
        return standings.of(year).map(s -> s.entries().stream().filter(e -> scope.coversWholeTown(e.town().code()))
                .map(e -> e.scorecard().result()).toList()).orElse(List.of());
    }

    /** One town's result, when the year has a catalogue and the town is in the caller's scope. */
    public Optional<TownResult> result(String townCode, int year) {
        return results(year).stream().filter(r -> r.townCode().equals(townCode)).findFirst();
    }
}
