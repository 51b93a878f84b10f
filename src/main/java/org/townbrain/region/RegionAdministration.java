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

    RegionAdministration(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What the town page shows beyond {@link Town}: assumptions, position, optimistic-lock version. */
    record TownProfile(String code, boolean typeAssumed, boolean programmeAssumed, boolean clusterAssumed,
            Double longitude, Double latitude, int version) {
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
                select code, type_assumed, programme_assumed, cluster_assumed, longitude, latitude, version
                from region_town where code = :c""").param("c", code)
                .query((rs, n) -> new TownProfile(rs.getString(1), rs.getBoolean(2), rs.getBoolean(3), rs.getBoolean(4),
                        (Double) rs.getObject(5), (Double) rs.getObject(6), rs.getInt(7)))
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
    void locateTown(String code, int version, double longitude, double latitude) {
        checkWgs84(longitude, latitude);
        int changed = jdbc.sql("""
                update region_town set longitude = :lon, latitude = :lat, version = version + 1
                where code = :c and version = :v""")
                .param("lon", longitude).param("lat", latitude).param("c", code).param("v", version).update();
        if (changed == 0) {
            if (profile(code).isEmpty()) {
                throw new NotFoundException("town " + code);
            }
            throw new ConflictException("位置已被他人修改，请刷新 / someone else moved this town; reload");
        }
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
