package org.townbrain.region;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for the region tables; the only class that touches them. */
@Repository
class RegionRepository {

    private static final String TOWN_SELECT = """
            select t.code, t.name, t.kind, t.type_code, t.in_programme, t.cluster_id, t.latitude, t.longitude,
                   coalesce((select tier from region_town_tier x where x.town_code = t.code and x.year <= :year
                             order by x.year desc limit 1), 'NONE') as tier
            from region_town t
            where t.county_code = :county
            """;

    private final JdbcClient jdbc;
    private final String configuredCounty;

    RegionRepository(JdbcClient jdbc,
            @org.springframework.beans.factory.annotation.Value("${townbrain.region.county-code:}") String configuredCounty) {
        this.jdbc = jdbc;
        this.configuredCounty = configuredCounty;
    }

    Optional<County> county() {
        return jdbc.sql("select code, name, boundary::text as boundary, label_lon, label_lat from region_county "
                        + "where code = :county").param("county", countyCode())
                .query((rs, n) -> new County(rs.getString("code"), rs.getString("name"), rs.getString("boundary"),
                        (Double) rs.getObject("label_lon"), (Double) rs.getObject("label_lat")))
                .optional();
    }

    List<Town> towns(int year) {
        return jdbc.sql(TOWN_SELECT + " order by t.code").param("year", year).param("county", countyCode())
                .query(RegionRepository::town).list();
    }

    Optional<Town> town(String code, int year) {
        return jdbc.sql(TOWN_SELECT + " and t.code = :code").param("year", year).param("code", code)
                .param("county", countyCode()).query(RegionRepository::town).optional();
    }

    /**
     * The county this deployment serves: {@code townbrain.region.county-code} when set, else
     * the first county imported. Other counties' divisions may be stored (a province file, a
     * neighbour) but are not served.
     */
    String countyCode() {
        if (configuredCounty != null && !configuredCounty.isBlank()) {
            return configuredCounty;
        }
        return jdbc.sql("select code from region_county order by imported_at, code limit 1").query(String.class)
                .optional().orElse("");
    }

    private static Town town(ResultSet rs, int row) throws SQLException {
        return new Town(rs.getString("code"), rs.getString("name"), TownKind.valueOf(rs.getString("kind")),
                rs.getString("type_code"), Tier.valueOf(rs.getString("tier")), rs.getBoolean("in_programme"),
                (Long) rs.getObject("cluster_id"), Seat.of((Double) rs.getObject("latitude"), (Double) rs.getObject("longitude")));
    }

    private static Village village(ResultSet rs, int row) throws SQLException {
        return new Village(rs.getString(1), rs.getString(2), rs.getString(3),
                Seat.of((Double) rs.getObject(4), (Double) rs.getObject(5)));
    }

    java.util.Map<String, Integer> villageCounts() {
        java.util.Map<String, Integer> counts = new java.util.HashMap<>();
        jdbc.sql("""
                select v.town_code, count(*) from region_village v join region_town t on t.code = v.town_code
                where t.county_code = :county group by v.town_code""")
                .param("county", countyCode()).query(rs -> {
                    counts.put(rs.getString(1), rs.getInt(2));
                });
        return counts;
    }

    List<Village> villages(String townCode) {
        return jdbc.sql("""
                select v.code, v.name, v.town_code, v.latitude, v.longitude from region_village v join region_town t on t.code = v.town_code
                where v.town_code = :town and t.county_code = :county order by v.code""")
                .param("town", townCode).param("county", countyCode())
                .query(RegionRepository::village).list();
    }

    Optional<Village> village(String code) {
        return jdbc.sql("""
                select v.code, v.name, v.town_code, v.latitude, v.longitude from region_village v join region_town t on t.code = v.town_code
                where v.code = :code and t.county_code = :county""").param("code", code).param("county", countyCode())
                .query(RegionRepository::village).optional();
    }

    List<Cluster> clusters() {
        Map<Long, List<String>> members = new LinkedHashMap<>();
        String county = countyCode();
        jdbc.sql("select cluster_id, code from region_town where cluster_id is not null and county_code = :county order by code")
                .param("county", county).query(rs -> {
                    members.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
                });
        return jdbc.sql("select id, name, lead_town_code, person_in_charge, assumed from region_cluster "
                        + "where county_code = :county order by id").param("county", county)
                .query((rs, n) -> new Cluster(rs.getLong("id"), rs.getString("name"), rs.getString("lead_town_code"),
                        members.getOrDefault(rs.getLong("id"), List.of()), rs.getString("person_in_charge"),
                        rs.getBoolean("assumed")))
                .list();
    }

    Optional<Cluster> cluster(long id) {
        return clusters().stream().filter(c -> c.id() == id).findFirst();
    }

    List<TownType> townTypes() {
        return jdbc.sql("select code, name_zh, name_en, assumed from region_town_type order by sort, code")
                .query((rs, n) -> new TownType(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4)))
                .list();
    }

    boolean anySeatPlaced() {
        return jdbc.sql("""
                select exists (select 1 from region_town t where t.county_code = :county and t.longitude is not null)
                    or exists (select 1 from region_village v join region_town t on t.code = v.town_code
                               where t.county_code = :county and v.longitude is not null)""")
                .param("county", countyCode()).query(Boolean.class).single();
    }

    /** The nearest village seat with a position, within {@code maxMetres}. */
    Optional<Place> nearestVillage(double longitude, double latitude, double maxMetres) {
        return nearest("""
                select v.town_code, v.code, v.longitude, v.latitude from region_village v
                join region_town t on t.code = v.town_code
                where t.county_code = :county and v.longitude is not null""", longitude, latitude, maxMetres);
    }

    /** The nearest town seat with a position, within {@code maxMetres}. */
    Optional<Place> nearestTown(double longitude, double latitude, double maxMetres) {
        return nearest("""
                select t.code, cast(null as varchar), t.longitude, t.latitude from region_town t
                where t.county_code = :county and t.longitude is not null""", longitude, latitude, maxMetres);
    }

    /**
     * Distances on the equirectangular approximation, exact to well under 1 % within a county;
     * a county has at most a few hundred seats, so the scan is cheap.
     */
    private Optional<Place> nearest(String seats, double longitude, double latitude, double maxMetres) {
        return jdbc.sql("""
                select * from (
                    select s.*, 6371008.8 * sqrt(power(radians(s.lat - :lat), 2)
                        + power(radians(s.lon - :lon) * cos(radians(:lat)), 2)) as metres
                    from (%s) as s (town, village, lon, lat)) d
                where metres <= :max order by metres limit 1""".formatted(seats))
                .param("county", countyCode()).param("lon", longitude).param("lat", latitude).param("max", maxMetres)
                .query((rs, n) -> new Place(rs.getString("town"), rs.getString("village"), rs.getDouble("metres")))
                .optional();
    }
}
