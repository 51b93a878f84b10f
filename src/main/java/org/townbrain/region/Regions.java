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
    private final GridIndex grids;
    private final GridStore gridStore;
    private final Clock clock;

    Regions(RegionRepository repository, GridIndex grids, GridStore gridStore, Clock clock) {
        this.repository = repository;
        this.grids = grids;
        this.gridStore = gridStore;
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
     * The town and, where known, the village and unit grid of a WGS-84 point: the unit grid
     * whose boundary holds it decides all three; outside every grid the nearest village seat
     * within 3 km decides town and village; otherwise the nearest town seat within 12 km decides
     * the town. Empty when nothing is near (positions are set by the county on the region pages).
     */
    public Optional<Place> locate(double longitude, double latitude) {
        Optional<UnitGrid> grid = grids.locate(longitude, latitude);
        if (grid.isPresent()) {
            return Optional.of(new Place(grid.get().townCode(), grid.get().villageCode(), 0, grid.get().code()));
        }
        return repository.nearestVillage(longitude, latitude, VILLAGE_REACH_METRES)
                .or(() -> repository.nearestTown(longitude, latitude, TOWN_REACH_METRES));
    }

    /** The unit grid whose boundary holds a WGS-84 point, if any. */
    public Optional<UnitGrid> grid(double longitude, double latitude) {
        return grids.locate(longitude, latitude);
    }

    /** The codes of the unit grids a user is a grid worker of (empty for anyone else). */
    public List<String> gridCodesOf(String username) {
        return gridStore.codesOfWorker(username);
    }

    /** The unit grids of a town, or of the county when {@code townCode} is null. */
    public List<UnitGrid> grids(String townCode) {
        return gridStore.all(townCode).stream().map(GridStore.Stored::grid).toList();
    }

    /** Whether {@link #locate} can answer anything: the county has placed at least one seat. */
    public boolean canLocate() {
        return repository.anySeatPlaced();
    }

    private int currentYear() {
        return Year.now(clock).getValue();
    }
}
