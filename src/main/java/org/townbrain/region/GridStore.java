package org.townbrain.region;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.locationtech.jts.geom.Polygon;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.ObjectMapper;

/** SQL for unit grids (the boundary-carrying rows of region_grid) and their workers. */
@Repository
class GridStore {

    /** A stored unit grid with its shape and the version an edit must carry. */
    record Stored(long id, UnitGrid grid, Polygon polygon, int version, boolean demo) {
    }

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final RegionRepository regions;

    GridStore(JdbcClient jdbc, ObjectMapper json, RegionRepository regions) {
        this.jdbc = jdbc;
        this.json = json;
        this.regions = regions;
    }

    /** The county's unit grids, of one town when {@code townCode} is given. */
    List<Stored> all(String townCode) {
        Map<Long, List<String>> workers = new HashMap<>();
        jdbc.sql("select grid_id, username from region_grid_worker order by username")
                .query(rs -> {
                    workers.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
                });
        return jdbc.sql("""
                select g.id, g.code, g.name, g.village_code, v.town_code, g.boundary::text, g.version, g.demo
                from region_grid g join region_village v on v.code = g.village_code join region_town t on t.code = v.town_code
                where g.code is not null and t.county_code = :county and (cast(:town as text) is null or v.town_code = :town)
                order by g.code""").param("county", regions.countyCode()).param("town", townCode)
                .query((rs, n) -> new Stored(rs.getLong(1), new UnitGrid(rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), workers.getOrDefault(rs.getLong(1), List.of())),
                        (Polygon) GridShapes.fromStored(json.readTree(rs.getString(6))), rs.getInt(7), rs.getBoolean(8)))
                .list();
    }

    Optional<Stored> byCode(String code) {
        return all(null).stream().filter(s -> s.grid().code().equals(code)).findFirst();
    }

    /** The other grid of that village with that name, if any (names are unique per village). */
    Optional<String> codeNamed(String villageCode, String name) {
        return jdbc.sql("select coalesce(code, '') from region_grid where village_code = :v and name = :n")
                .param("v", villageCode).param("n", name).query(String.class).optional();
    }

    long insert(UnitGrid grid, Polygon polygon, boolean demo, OffsetDateTime at) {
        long id = jdbc.sql("""
                insert into region_grid (village_code, name, code, boundary, demo, updated_at, created_at)
                values (:v, :n, :c, cast(:b as jsonb), :demo, :at, :at) returning id""")
                .param("v", grid.villageCode()).param("n", grid.name()).param("c", grid.code())
                .param("b", GridShapes.toGeoJson(json, polygon).toString()).param("demo", demo).param("at", at)
                .query(Long.class).single();
        setWorkers(id, grid.workers());
        return id;
    }

    /** Changes a grid drawn from {@code version}; false when someone changed it meanwhile. */
    boolean update(long id, int version, UnitGrid grid, Polygon polygon, OffsetDateTime at) {
        int changed = jdbc.sql("""
                update region_grid set name = :n, boundary = cast(:b as jsonb), demo = false, version = version + 1,
                       updated_at = :at where id = :id and version = :version""")
                .param("n", grid.name()).param("b", GridShapes.toGeoJson(json, polygon).toString()).param("at", at)
                .param("id", id).param("version", version).update();
        if (changed > 0) {
            setWorkers(id, grid.workers());
        }
        return changed > 0;
    }

    private void setWorkers(long id, List<String> workers) {
        jdbc.sql("delete from region_grid_worker where grid_id = :id").param("id", id).update();
        for (String w : workers) {
            jdbc.sql("insert into region_grid_worker (grid_id, username) values (:id, :u) on conflict do nothing")
                    .param("id", id).param("u", w).update();
        }
    }

    /**
     * Serialises grid changes until the transaction ends: two imports checked at once could each
     * pass the overlap check against the other (no PostGIS exclusion constraint here).
     */
    void lockForChange() {
        jdbc.sql("select 1 from (select pg_advisory_xact_lock(hashtext('region_grid'))) l").query(Integer.class).single();
    }

    /** The codes of the grids a user works. */
    List<String> codesOfWorker(String username) {
        return jdbc.sql("""
                select g.code from region_grid g join region_grid_worker w on w.grid_id = g.id
                where w.username = :u and g.code is not null order by g.code""").param("u", username)
                .query(String.class).list();
    }

    /** Changes whenever a grid is added, changed or removed: the index compares it to know it is stale. */
    String stamp() {
        return jdbc.sql("""
                select count(*) || ':' || coalesce(sum(version), 0) || ':' || coalesce(max(id), 0) || ':'
                       || coalesce(max(updated_at)::text, '') from region_grid where code is not null""")
                .query(String.class).single();
    }
}
