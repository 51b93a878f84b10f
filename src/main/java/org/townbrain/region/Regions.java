package org.townbrain.region;

import java.time.Clock;
import java.time.Year;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The region module's API: read access to the county's divisions for every other module.
 * Names and codes are public inside the application; callers apply jurisdiction to what they
 * attach to them.
 */
@Service
@Transactional(readOnly = true)
public class Regions {

    private final RegionRepository repository;
    private final Clock clock;

    Regions(RegionRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    /** The county this deployment serves, if one has been imported. */
    public Optional<County> county() {
        return repository.county();
    }

    /** Every town of the county, by code, with the tier of the latest year up to this one. */
    public List<Town> towns() {
        return repository.towns(currentYear());
    }

    public Optional<Town> town(String code) {
        return DivisionCode.isValid(code) ? repository.town(code, currentYear()) : Optional.empty();
    }

    public List<Village> villages(String townCode) {
        return repository.villages(townCode);
    }

    /** The number of villages of each town of the county, by town code (towns without villages are absent). */
    public java.util.Map<String, Integer> villageCounts() {
        return repository.villageCounts();
    }

    public Optional<Village> village(String code) {
        return DivisionCode.isValid(code) ? repository.village(code) : Optional.empty();
    }

    public List<Cluster> clusters() {
        return repository.clusters();
    }

    public Optional<Cluster> cluster(long id) {
        return repository.cluster(id);
    }

    /** The towns of a cluster, empty when there is no such cluster. */
    public Set<String> townCodesOfCluster(long clusterId) {
        return cluster(clusterId).map(c -> Set.copyOf(c.memberTownCodes())).orElse(Set.of());
    }

    public List<TownType> townTypes() {
        return repository.townTypes();
    }

    /** How far a village seat may be from a point it claims (271 villages over 2,321 km² in Jiande: ~1.7 km radius each). */
    static final double VILLAGE_REACH_METRES = 3_000;
    /** How far a town seat may be from a point it claims when no village seat is near. */
    static final double TOWN_REACH_METRES = 12_000;

    /**
     * The town and, when a village seat is near enough, the village of a WGS-84 point: the
     * nearest village seat within 3 km decides both; otherwise the nearest town seat within
     * 12 km decides the town. Empty when no seat with a position is near (positions are set by
     * the county on the region pages).
     */
    public Optional<Place> locate(double longitude, double latitude) {
        return repository.nearestVillage(longitude, latitude, VILLAGE_REACH_METRES)
                .or(() -> repository.nearestTown(longitude, latitude, TOWN_REACH_METRES));
    }

    private int currentYear() {
        return Year.now(clock).getValue();
    }
}
