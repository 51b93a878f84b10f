package org.townbrain.region;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.townbrain.platform.errors.ConflictException;
import org.townbrain.platform.errors.NotFoundException;
import org.townbrain.platform.errors.RejectedException;

/** Changes to the region that people make in the UI, and the details only the region pages show. */
@Service
class RegionAdministration {

    private final JdbcClient jdbc;
    private final java.time.Clock clock;
    private final tools.jackson.databind.ObjectMapper json;

    RegionAdministration(JdbcClient jdbc, java.time.Clock clock, tools.jackson.databind.ObjectMapper json) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.json = json;
    }

    /**
     * Where a seat's position comes from: {@code source} is ADCODE, COUNTY_ADMIN or TOWN_STAFF
     * ({@code null}: not recorded), with who placed it and when for a person's placement.
     */
    record Provenance(String source, String by, java.time.OffsetDateTime at) {
    }

    /** What the town page shows beyond {@link Town}: assumptions, position, optimistic-lock version. */
    record TownProfile(String code, boolean typeAssumed, boolean programmeAssumed, boolean clusterAssumed,
            Double longitude, Double latitude, int version, Provenance provenance) {
    }

    record TierYear(int year, Tier tier, boolean assumed) {
    }

    record VillageRow(String code, String name, String kind, int grids) {
    }

    record Grid(long id, String name) {
    }

    record Position(String code, String name, double longitude, double latitude) {
    }

    Optional<TownProfile> profile(String code) {
        return jdbc.sql("""
                select code, type_assumed, programme_assumed, cluster_assumed, longitude, latitude, version,
                       position_source, position_by, position_at
                from region_town where code = :c""").param("c", code)
                .query((rs, n) -> new TownProfile(rs.getString(1), rs.getBoolean(2), rs.getBoolean(3), rs.getBoolean(4),
                        (Double) rs.getObject(5), (Double) rs.getObject(6), rs.getInt(7), provenance(rs, 8)))
                .optional();
    }

    List<TierYear> tiers(String code) {
        return jdbc.sql("select year, tier, assumed from region_town_tier where town_code = :c order by year desc")
                .param("c", code).query((rs, n) -> new TierYear(rs.getInt(1), Tier.valueOf(rs.getString(2)), rs.getBoolean(3)))
                .list();
    }

    List<VillageRow> villageRows(String townCode) {
        return jdbc.sql("""
                select v.code, v.name, v.kind, (select count(*) from region_grid g where g.village_code = v.code)
                from region_village v where v.town_code = :t order by v.code""").param("t", townCode)
                .query((rs, n) -> new VillageRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4))).list();
    }

    Map<String, Integer> villageCounts() {
        Map<String, Integer> counts = new java.util.HashMap<>();
        jdbc.sql("select town_code, count(*) from region_village group by town_code")
                .query(rs -> {
                    counts.put(rs.getString(1), rs.getInt(2));
                });
        return counts;
    }

    List<Grid> grids(String villageCode) {
        return jdbc.sql("select id, name from region_grid where village_code = :v order by id").param("v", villageCode)
                .query((rs, n) -> new Grid(rs.getLong(1), rs.getString(2))).list();
    }

    List<Position> townPositions() {
        return jdbc.sql("select code, name, longitude, latitude from region_town where longitude is not null order by code")
                .query((rs, n) -> new Position(rs.getString(1), rs.getString(2), rs.getDouble(3), rs.getDouble(4))).list();
    }

    /**
     * Places a town on the map. Only a point inside the county's extent is accepted; a stale
     * {@code version} means someone else moved it meanwhile.
     */
    @Transactional
    int locateTown(String code, int version, double longitude, double latitude, String source, String by) {
        checkWgs84(longitude, latitude);
        checkInCounty(longitude, latitude);
        int changed = jdbc.sql("""
                update region_town set longitude = :lon, latitude = :lat, version = version + 1,
                       position_source = :source, position_by = :by, position_at = :at
                where code = :c and version = :v""")
                .param("lon", longitude).param("lat", latitude).param("c", code).param("v", version)
                .param("source", source).param("by", by).param("at", java.time.OffsetDateTime.now(clock)).update();
        requireChanged(changed, "town " + code, "region_town", "code", code);
        return version + 1;
    }

    /**
     * Sets a town's programme facts. A person confirming them clears the "assumed" marks the
     * demo data carries.
     */
    @Transactional
    void setProgramme(String code, int version, String typeCode, boolean inProgramme, Long clusterId) {
        if (typeCode != null && jdbc.sql("select count(*) from region_town_type where code = :t").param("t", typeCode)
                .query(Integer.class).single() == 0) {
            throw new RejectedException("type", "未知的创建类型 / unknown town type");
        }
        if (clusterId != null && jdbc.sql("""
                select count(*) from region_cluster c join region_town t on t.county_code = c.county_code
                where c.id = :c and t.code = :town""").param("c", clusterId).param("town", code)
                .query(Integer.class).single() == 0) {
            throw new RejectedException("cluster", "片区不存在或不在本县 / no such cluster in this county");
        }
        int changed = jdbc.sql("""
                update region_town set type_code = :type, type_assumed = false, in_programme = :in,
                       programme_assumed = false, cluster_id = :cluster, cluster_assumed = false, version = version + 1
                where code = :code and version = :v""")
                .param("type", typeCode).param("in", inProgramme).param("cluster", clusterId).param("code", code)
                .param("v", version).update();
        requireChanged(changed, "town " + code, "region_town", "code", code);
    }

    /** Records the tier the province accepted the town at in a year (replacing an earlier entry). */
    @Transactional
    void setTier(String code, int year, Tier tier) {
        if (year < 2019 || year > 2100) {
            throw new RejectedException("year", "年份应在 2019 年之后 / the programme started in 2019");
        }
        jdbc.sql("""
                insert into region_town_tier (town_code, year, tier, assumed) values (:c, :y, :t, false)
                on conflict (town_code, year) do update set tier = excluded.tier, assumed = false""")
                .param("c", code).param("y", year).param("t", tier.name()).update();
    }

    record ClusterForm(long id, String name, String leadTownCode, String personInCharge, int version) {
    }

    Optional<ClusterForm> clusterForm(long id) {
        return jdbc.sql("select id, name, lead_town_code, person_in_charge, version from region_cluster where id = :id")
                .param("id", id).query((rs, n) -> new ClusterForm(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getInt(5))).optional();
    }

    @Transactional
    void updateCluster(long id, int version, String name, String leadTownCode, String personInCharge) {
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty() || trimmed.length() > 60) {
            throw new RejectedException("name", "片区名称 1–60 字 / a cluster name has 1–60 characters");
        }
        if (leadTownCode != null && jdbc.sql("select count(*) from region_town where code = :t and cluster_id = :c")
                .param("t", leadTownCode).param("c", id).query(Integer.class).single() == 0) {
            throw new RejectedException("leadTownCode", "牵头乡镇须是片区成员 / the lead town must be a member");
        }
        int changed = jdbc.sql("""
                update region_cluster set name = :n, lead_town_code = :lead, person_in_charge = :p, assumed = false,
                       version = version + 1 where id = :id and version = :v""")
                .param("n", trimmed).param("lead", leadTownCode).param("p", personInCharge == null ? null : personInCharge.strip())
                .param("id", id).param("v", version).update();
        requireChanged(changed, "cluster " + id, "region_cluster", "id", id);
    }

    record VillageProfile(String code, Double longitude, Double latitude, int version, Provenance provenance) {
    }

    Optional<VillageProfile> villageProfile(String code) {
        return jdbc.sql("select code, longitude, latitude, version, position_source, position_by, position_at "
                        + "from region_village where code = :c").param("c", code)
                .query((rs, n) -> new VillageProfile(rs.getString(1), (Double) rs.getObject(2), (Double) rs.getObject(3),
                        rs.getInt(4), provenance(rs, 5))).optional();
    }

    private static Provenance provenance(java.sql.ResultSet rs, int first) throws java.sql.SQLException {
        return new Provenance(rs.getString(first), rs.getString(first + 1),
                rs.getObject(first + 2, java.time.OffsetDateTime.class));
    }

    @Transactional
    int locateVillage(String code, int version, double longitude, double latitude, String source, String by) {
        checkWgs84(longitude, latitude);
        checkInCounty(longitude, latitude);
        int changed = jdbc.sql("""
                update region_village set longitude = :lon, latitude = :lat, version = version + 1,
                       position_source = :source, position_by = :by, position_at = :at
                where code = :c and version = :v""")
                .param("lon", longitude).param("lat", latitude).param("c", code).param("v", version)
                .param("source", source).param("by", by).param("at", java.time.OffsetDateTime.now(clock)).update();
        requireChanged(changed, "village " + code, "region_village", "code", code);
        return version + 1;
    }

    /**
     * A seat must lie inside the county: inside its outline when one is stored, else inside a
     * box around Jiande's extent (a typo or swapped coordinates lands far outside both).
     */
    void checkInCounty(double longitude, double latitude) {
        String boundary = jdbc.sql("""
                select c.boundary::text from region_county c order by c.imported_at, c.code limit 1""")
                .query(String.class).optional().orElse(null);
        boolean inside = boundary == null
                ? longitude >= 118.9 && longitude <= 119.8 && latitude >= 29.1 && latitude <= 29.8
                : Outline.contains(json.readTree(boundary), longitude, latitude);
        if (!inside) {
            throw new RejectedException("longitude", "位置不在本县范围内 / the position lies outside the county");
        }
    }

    private void requireChanged(int changed, String what, String table, String idColumn, Object id) {
        if (changed > 0) {
            return;
        }
        boolean exists = jdbc.sql("select count(*) from " + table + " where " + idColumn + " = :id").param("id", id)
                .query(Integer.class).single() > 0;
        if (!exists) {
            throw new NotFoundException(what);
        }
        throw new ConflictException("已被他人修改，请刷新后重试 / someone else changed this; reload and try again");
    }

    @Transactional
    void addGrid(String villageCode, String name) {
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty() || trimmed.length() > 60) {
            throw new RejectedException("name", "网格名称 1–60 字 / a grid name has 1–60 characters");
        }
        int added = jdbc.sql("insert into region_grid (village_code, name) values (:v, :n) on conflict do nothing")
                .param("v", villageCode).param("n", trimmed).update();
        if (added == 0) {
            throw new RejectedException("name", "该村已有同名网格 / this village already has a grid of that name");
        }
    }

    static void checkWgs84(double longitude, double latitude) {
        // China's extent, generously: anything outside is a typo or swapped coordinates
        if (!(longitude >= 73 && longitude <= 136 && latitude >= 3 && latitude <= 54)) {
            throw new RejectedException("longitude", "坐标不在中国境内（WGS-84 经度 73–136，纬度 3–54）/ "
                    + "coordinates outside China (WGS-84)");
        }
    }
}
