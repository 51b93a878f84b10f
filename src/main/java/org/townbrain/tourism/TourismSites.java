package org.townbrain.tourism;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.townbrain.platform.errors.RejectedException;

/** Scenic spots, culture-tourism project points, night markets, and routes linking them. */
@Service
class TourismSites {

    enum Kind { SCENIC_SPOT, PROJECT_POINT, NIGHT_MARKET }

    record Site(long id, String townCode, Kind kind, String name, String description, String brand, String openingHours,
            Double longitude, Double latitude, boolean demo) {
    }

    record Route(long id, String name, Long clusterId, String brand, String description, boolean demo, List<Long> stops) {
    }

    private final JdbcClient jdbc;

    TourismSites(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Site> sites(Collection<String> townCodes) {
        if (townCodes.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                select id, town_code, kind, name, description, brand, opening_hours, longitude, latitude, demo
                from tourism_site where town_code in (:towns) order by town_code, kind, id""")
                .param("towns", townCodes)
                .query((rs, n) -> new Site(rs.getLong(1), rs.getString(2), Kind.valueOf(rs.getString(3)), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), (Double) rs.getObject(8), (Double) rs.getObject(9),
                        rs.getBoolean(10)))
                .list();
    }

    /** A night market's visitors over the last 30 nights that have figures, for the 909 night-economy table. */
    record NightFigures(long siteId, long visitors, int nights, int perNight, Integer lastNight) {
    }

    java.util.Map<Long, NightFigures> nightFigures(Collection<Long> siteIds, java.time.LocalDate until) {
        if (siteIds.isEmpty()) {
            return Map.of();
        }
        Map<Long, NightFigures> out = new LinkedHashMap<>();
        jdbc.sql("""
                select site_id, sum(visitors), count(*),
                  (array_agg(visitors order by day desc))[1]
                from tourism_site_visits where site_id in (:ids) and day > :until - 30 and day <= :until
                group by site_id""")
                .param("ids", siteIds).param("until", until)
                .query(rs -> {
                    long sum = rs.getLong(2);
                    int nights = rs.getInt(3);
                    out.put(rs.getLong(1), new NightFigures(rs.getLong(1), sum, nights, nights == 0 ? 0 : (int) (sum / nights),
                            (Integer) rs.getObject(4)));
                });
        return out;
    }

    List<Route> routes() {
        Map<Long, List<Long>> stops = new LinkedHashMap<>();
        jdbc.sql("select route_id, site_id from tourism_route_stop order by route_id, seq")
                .query(rs -> {
                    stops.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getLong(2));
                });
        return jdbc.sql("select id, name, cluster_id, brand, description, demo from tourism_route order by cluster_id nulls last, id")
                .query((rs, n) -> new Route(rs.getLong(1), rs.getString(2), (Long) rs.getObject(3), rs.getString(4),
                        rs.getString(5), rs.getBoolean(6), stops.getOrDefault(rs.getLong(1), List.of())))
                .list();
    }

    @Transactional
    long addSite(String townCode, Kind kind, String name, String description, String brand, String openingHours,
            Double longitude, Double latitude) {
        if (name == null || name.isBlank() || name.length() > 80) {
            throw new RejectedException("name", "名称 1–80 字 / a name of 1–80 characters");
        }
        if ((longitude == null) != (latitude == null)) {
            throw new RejectedException("longitude", "经纬度须同时填写 / give both longitude and latitude");
        }
        if (longitude != null && !(longitude >= 73 && longitude <= 136 && latitude >= 3 && latitude <= 54)) {
            throw new RejectedException("longitude", "坐标不在中国境内（WGS-84）/ coordinates outside China (WGS-84)");
        }
        return jdbc.sql("""
                insert into tourism_site (town_code, kind, name, description, brand, opening_hours, longitude, latitude)
                values (:t, :k, :n, :d, :b, :h, :lon, :lat) returning id""")
                .param("t", townCode).param("k", kind.name()).param("n", name.strip()).param("d", blank(description))
                .param("b", blank(brand)).param("h", blank(openingHours)).param("lon", longitude).param("lat", latitude)
                .query(Long.class).single();
    }

    /** A route through sites in order; the sites may lie in several towns (a cluster route). */
    @Transactional
    long addRoute(String name, Long clusterId, String brand, String description, List<Long> siteIds) {
        if (name == null || name.isBlank() || name.length() > 80) {
            throw new RejectedException("name", "名称 1–80 字 / a name of 1–80 characters");
        }
        if (siteIds.size() < 2) {
            throw new RejectedException("stops", "线路至少包含两个点位 / a route links at least two sites");
        }
        int known = jdbc.sql("select count(*) from tourism_site where id in (:ids)").param("ids", siteIds)
                .query(Integer.class).single();
        if (known != siteIds.stream().distinct().count()) {
            throw new RejectedException("stops", "线路包含不存在的点位 / the route names unknown sites");
        }
        long id = jdbc.sql("insert into tourism_route (name, cluster_id, brand, description) values (:n, :c, :b, :d) returning id")
                .param("n", name.strip()).param("c", clusterId).param("b", blank(brand)).param("d", blank(description))
                .query(Long.class).single();
        for (int i = 0; i < siteIds.size(); i++) {
            jdbc.sql("insert into tourism_route_stop (route_id, seq, site_id) values (:r, :s, :site)")
                    .param("r", id).param("s", i + 1).param("site", siteIds.get(i)).update();
        }
        return id;
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
