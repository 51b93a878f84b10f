package org.townbrain.projects;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.townbrain.platform.errors.NotFoundException;
import org.townbrain.platform.scope.OutOfScopeException;
import org.townbrain.platform.scope.Scope;
import org.townbrain.platform.scope.ScopeProvider;
import org.townbrain.region.Regions;
import org.townbrain.region.Town;

/** Turns the caller's scope and the town/cluster/period asked for into the towns and dates figures cover. */
@Component
class StatsScope {

    private final ScopeProvider scopes;
    private final Regions regions;
    private final Clock clock;

    StatsScope(ScopeProvider scopes, Regions regions, Clock clock) {
        this.scopes = scopes;
        this.regions = regions;
        this.clock = clock;
    }

    record Period(LocalDate from, LocalDate to) {
        Period {
            if (to.isBefore(from)) {
                throw new IllegalArgumentException("The period ends before it starts");
            }
            if (from.getYear() < 1990 || to.getYear() > 2200) {
                throw new IllegalArgumentException("The period is out of range");
            }
        }
    }

    /** The period asked for; by default this year up to today. */
    Period period(LocalDate from, LocalDate to) {
        LocalDate today = LocalDate.now(clock);
        return new Period(from == null ? today.withDayOfYear(1) : from, to == null ? today : to);
    }

    /** The towns the caller may see, narrowed to the town or cluster asked for (404 outside scope). */
    Set<String> towns(String townCode, Long clusterId) {
        Scope scope = scopes.current();
        Set<String> towns = new LinkedHashSet<>();
        for (Town t : regions.towns()) {
            if (scope.coversTown(t.code())) {
                towns.add(t.code());
            }
        }
        if (townCode != null && !townCode.isBlank()) {
            if (!towns.contains(townCode)) {
                throw new OutOfScopeException("town");
            }
            towns.retainAll(Set.of(townCode));
        }
        if (clusterId != null) {
            if (regions.cluster(clusterId).isEmpty()) {
                throw new NotFoundException("cluster");
            }
            towns.retainAll(regions.townCodesOfCluster(clusterId));
        }
        return towns;
    }
}
