package org.townbrain.tourism;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.townbrain.platform.errors.NotFoundException;
import org.townbrain.platform.scope.OutOfScopeException;
import org.townbrain.platform.scope.Scope;
import org.townbrain.platform.scope.ScopeProvider;
import org.townbrain.region.Cluster;
import org.townbrain.region.Regions;
import org.townbrain.region.Town;

/** Turns "?town=" or "?cluster=" (or neither) into the towns a figure covers, within the caller's scope. */
@Component
class Areas {

    record Area(String label, Set<String> townCodes) {
    }

    private final Regions regions;
    private final ScopeProvider scopes;

    Areas(Regions regions, ScopeProvider scopes) {
        this.regions = regions;
        this.scopes = scopes;
    }

    Scope scope() {
        return scopes.current();
    }

    Area resolve(String town, Long cluster) {
        Scope scope = scopes.current();
        if (town != null && !town.isBlank()) {
            Town found = regions.town(town.strip()).orElseThrow(() -> new NotFoundException("town"));
            if (!scope.coversWholeTown(found.code())) {
                throw new OutOfScopeException("town");
            }
            return new Area(found.name(), Set.of(found.code()));
        }
        if (cluster != null) {
            Cluster found = regions.cluster(cluster).orElseThrow(() -> new NotFoundException("cluster"));
            Set<String> towns = found.memberTownCodes().stream().filter(scope::coversWholeTown)
                    .collect(Collectors.toCollection(LinkedHashSet::new));
            if (towns.isEmpty()) {
                throw new OutOfScopeException("cluster");
            }
            return new Area(found.name(), towns);
        }
        Set<String> towns = regions.towns().stream().map(Town::code).filter(scope::coversWholeTown)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        String label = scope.wholeCounty() ? regions.county().map(c -> c.name()).orElse("")
                : towns.size() == 1 ? regions.town(towns.iterator().next()).map(Town::name).orElse("") : "";
        return new Area(label, towns);
    }
}
