package org.townbrain.cockpit;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.townbrain.platform.errors.NotFoundException;
import org.townbrain.platform.errors.RejectedException;
import org.townbrain.platform.scope.OutOfScopeException;
import org.townbrain.platform.scope.Scope;
import org.townbrain.region.Cluster;
import org.townbrain.region.County;
import org.townbrain.region.Regions;
import org.townbrain.region.Town;
import org.townbrain.region.Village;

/** Resolves a level and id to a unit the caller may see; outside their scope it does not exist (404). */
@Component
class Units {

    private final Regions regions;

    Units(Regions regions) {
        this.regions = regions;
    }

    Unit resolve(Level level, String id, Scope scope) {
        County county = regions.county().orElseThrow(() -> new NotFoundException("county"));
        Unit.Crumb top = new Unit.Crumb(Level.COUNTY, county.code(), county.name());
        return switch (level) {
            case COUNTY -> county(county, top, scope);
            case CLUSTER -> cluster(parseCluster(id), top, scope);
            case TOWN -> town(id, top, scope);
            case VILLAGE -> village(id, top, scope);
        };
    }

    /** The unit a caller lands on: the county for county users, their cluster or town otherwise. */
    Unit home(Scope scope) {
        if (scope.wholeCounty()) {
            return resolve(Level.COUNTY, null, scope);
        }
        if (scope.townCodes().size() == 1) {
            return resolve(Level.TOWN, scope.townCodes().iterator().next(), scope);
        }
        return regions.clusters().stream().filter(c -> Set.copyOf(c.memberTownCodes()).equals(scope.townCodes()))
                .findFirst().map(c -> resolve(Level.CLUSTER, String.valueOf(c.id()), scope))
                .orElseThrow(() -> new OutOfScopeException("cockpit"));
    }

    private Unit county(County county, Unit.Crumb top, Scope scope) {
        if (!scope.wholeCounty()) {
            throw new OutOfScopeException("county");
        }
        List<Unit.Child> children = new ArrayList<>();
        Set<String> clustered = new LinkedHashSet<>();
        for (Cluster c : regions.clusters()) {
            children.add(new Unit.Child(Level.CLUSTER, String.valueOf(c.id()), c.name(), Set.copyOf(c.memberTownCodes())));
            clustered.addAll(c.memberTownCodes());
        }
        List<Town> towns = regions.towns();
        for (Town t : towns) {
            if (!clustered.contains(t.code())) {
                children.add(new Unit.Child(Level.TOWN, t.code(), t.name(), Set.of(t.code())));
            }
        }
        Set<String> all = towns.stream().map(Town::code).collect(Collectors.toCollection(LinkedHashSet::new));
        return new Unit(Level.COUNTY, county.code(), county.name(), all, null, List.of(top), children);
    }

    private Unit cluster(long id, Unit.Crumb top, Scope scope) {
        Cluster cluster = regions.cluster(id).orElseThrow(() -> new NotFoundException("cluster"));
        if (!cluster.memberTownCodes().stream().allMatch(scope::coversWholeTown)) {
            throw new OutOfScopeException("cluster");
        }
        List<Unit.Child> children = regions.towns().stream().filter(t -> cluster.memberTownCodes().contains(t.code()))
                .map(t -> new Unit.Child(Level.TOWN, t.code(), t.name(), Set.of(t.code()))).toList();
        return new Unit(Level.CLUSTER, String.valueOf(id), cluster.name(), Set.copyOf(cluster.memberTownCodes()), null,
                List.of(top, new Unit.Crumb(Level.CLUSTER, String.valueOf(id), cluster.name())), children);
    }

    private Unit town(String code, Unit.Crumb top, Scope scope) {
        Town town = regions.town(code == null ? "" : code.strip()).orElseThrow(() -> new NotFoundException("town"));
        if (!scope.coversWholeTown(town.code())) {
            throw new OutOfScopeException("town");
        }
        List<Unit.Crumb> path = new ArrayList<>(List.of(top));
        if (town.clusterId() != null) {
            regions.cluster(town.clusterId()).ifPresent(c -> path.add(new Unit.Crumb(Level.CLUSTER, String.valueOf(c.id()), c.name())));
        }
        path.add(new Unit.Crumb(Level.TOWN, town.code(), town.name()));
        List<Unit.Child> children = regions.villages(town.code()).stream()
                .map(v -> new Unit.Child(Level.VILLAGE, v.code(), v.name(), Set.of(town.code()))).toList();
        return new Unit(Level.TOWN, town.code(), town.name(), Set.of(town.code()), null, path, children);
    }

    private Unit village(String code, Unit.Crumb top, Scope scope) {
        Village village = regions.village(code == null ? "" : code.strip()).orElseThrow(() -> new NotFoundException("village"));
        if (!scope.coversVillage(village.townCode(), village.code())) {
            throw new OutOfScopeException("village");
        }
        Unit town = town(village.townCode(), top, Scope.county());
        List<Unit.Crumb> path = new ArrayList<>(town.path());
        path.add(new Unit.Crumb(Level.VILLAGE, village.code(), village.name()));
        return new Unit(Level.VILLAGE, village.code(), village.name(), Set.of(village.townCode()), village.code(), path, List.of());
    }

    private static long parseCluster(String id) {
        try {
            return Long.parseLong(id == null ? "" : id.strip());
        } catch (NumberFormatException e) {
            throw new RejectedException("id", "片区 id 应为数字 / a cluster id is a number");
        }
    }
}
