package org.townbrain.checkin;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.townbrain.platform.errors.ConflictException;
import org.townbrain.platform.errors.RejectedException;
import org.townbrain.platform.scope.OutOfScopeException;
import org.townbrain.platform.scope.Scope;
import org.townbrain.platform.scope.ScopeProvider;
import org.townbrain.region.Regions;
import org.townbrain.region.Village;

/** Registers, finds, lists and retires venues; every staff read is filtered by scope. */
@Service("checkinVenues")
@Transactional
class Venues {

    static final String COLUMNS = "id, code, name, type, town_code, village_code, longitude, latitude, capacity, manager, "
            + "demo, retired_at is not null as retired, version";

    private final JdbcClient jdbc;
    private final Regions regions;
    private final ScopeProvider scopes;
    private final Clock clock;
    private final CheckinProperties properties;

    Venues(JdbcClient jdbc, Regions regions, ScopeProvider scopes, Clock clock, CheckinProperties properties) {
        this.jdbc = jdbc;
        this.regions = regions;
        this.scopes = scopes;
        this.clock = clock;
        this.properties = properties;
    }

    /** What staff give to register a venue; everything but name, town and type is optional. */
    record NewVenue(String name, String townCode, String villageCode, VenueType type, Double longitude, Double latitude,
            Integer capacity, String manager) {
    }

    /** Live figures of one venue. */
    record Counts(long today, long present) {
    }

    /** Check-ins of one day at one venue, from live rows or the anonymous counts left by the purge. */
    record DayCount(LocalDate day, long checkins) {
    }

    Venue register(NewVenue venue, boolean demo) {
        String name = venue.name() == null ? "" : venue.name().strip();
        if (name.isEmpty() || name.length() > 120) {
            throw new RejectedException("name", "请填写场所名称（最多120字） / enter a name of at most 120 characters");
        }
        if (venue.type() == null) {
            throw new RejectedException("type", "请选择场所类型 / choose a venue type");
        }
        if (venue.townCode() == null || regions.town(venue.townCode()).isEmpty()) {
            throw new RejectedException("townCode", "未知的镇街 / unknown town");
        }
        if (!scopes.current().coversWholeTown(venue.townCode())) {
            throw new OutOfScopeException("town");
        }
        String village = blankToNull(venue.villageCode());
        if (village != null && regions.village(village).filter(v -> v.townCode().equals(venue.townCode())).isEmpty()) {
            throw new RejectedException("villageCode", "该村社不属于所选镇街 / the village is not in this town");
        }
        if (venue.capacity() != null && venue.capacity() <= 0) {
            throw new RejectedException("capacity", "容量须为正数 / capacity must be positive");
        }
        checkPosition(venue.longitude(), venue.latitude());
        for (int attempt = 0; ; attempt++) {
            VenueCode code = VenueCode.random();
            try {
                long id = jdbc.sql("""
                        insert into checkin_venue (code, name, type, town_code, village_code, longitude, latitude, capacity,
                                                   manager, demo, created_at)
                        values (:code, :name, :type, :town, :village, :lon, :lat, :capacity, :manager, :demo, :at) returning id""")
                        .param("code", code.value()).param("name", name).param("type", venue.type().name())
                        .param("town", venue.townCode()).param("village", village).param("lon", venue.longitude())
                        .param("lat", venue.latitude()).param("capacity", venue.capacity())
                        .param("manager", blankToNull(venue.manager())).param("demo", demo)
                        .param("at", Timestamp.from(clock.instant())).query(Long.class).single();
                return byId(id);
            } catch (DuplicateKeyException collision) {
                if (attempt > 3) {
                    throw collision; // 50 random bits: practically never
                }
            }
        }
    }

    /** A venue open for check-in, for the public pages: no scope, since the code is the key. */
    @Transactional(readOnly = true)
    Optional<Venue> open(String code) {
        return VenueCode.parse(code).flatMap(c -> jdbc.sql("select " + COLUMNS + " from checkin_venue where code = :c "
                + "and retired_at is null").param("c", c.value()).query(Venues::map).optional());
    }

    /** A venue in the caller's scope, retired or not; 404 otherwise. */
    @Transactional(readOnly = true)
    Venue scoped(String code) {
        Venue venue = VenueCode.parse(code).flatMap(c -> jdbc.sql("select " + COLUMNS + " from checkin_venue where code = :c")
                .param("c", c.value()).query(Venues::map).optional()).orElseThrow(() -> new OutOfScopeException("venue"));
        if (!visible(scopes.current(), venue)) {
            throw new OutOfScopeException("venue");
        }
        return venue;
    }

    @Transactional(readOnly = true)
    List<Venue> list() {
        Scope scope = scopes.current();
        return jdbc.sql("select " + COLUMNS + " from checkin_venue order by retired_at nulls first, town_code, name")
                .query(Venues::map).stream().filter(v -> visible(scope, v)).toList();
    }

    void retire(String code, int version) {
        Venue venue = scoped(code);
        int changed = jdbc.sql("update checkin_venue set retired_at = :at, version = version + 1 where id = :id and version = :v")
                .param("at", Timestamp.from(clock.instant())).param("id", venue.id()).param("v", version).update();
        if (changed == 0) {
            throw new ConflictException("该场所已被他人修改，请刷新 / the venue was changed by someone else, reload");
        }
    }

    @Transactional(readOnly = true)
    Counts counts(Venue venue) {
        Instant now = clock.instant();
        Instant startOfDay = LocalDate.ofInstant(now, clock.getZone()).atStartOfDay(clock.getZone()).toInstant();
        return jdbc.sql("""
                select count(*) filter (where checked_in_at >= :day),
                       count(*) filter (where checked_out_at is null and checked_in_at > :stay)
                from checkin_checkin where venue_id = :v and checked_in_at >= :earliest""")
                .param("day", Timestamp.from(startOfDay)).param("stay", Timestamp.from(now.minus(properties.autoCheckoutAfter())))
                .param("earliest", Timestamp.from(min(startOfDay, now.minus(properties.autoCheckoutAfter()))))
                .param("v", venue.id()).query((rs, n) -> new Counts(rs.getLong(1), rs.getLong(2))).single();
    }

    /** Live figures of many venues in one query, by venue id; venues without check-ins are absent. */
    @Transactional(readOnly = true)
    java.util.Map<Long, Counts> counts(List<Venue> list) {
        Instant now = clock.instant();
        Instant startOfDay = LocalDate.ofInstant(now, clock.getZone()).atStartOfDay(clock.getZone()).toInstant();
        Instant stay = now.minus(properties.autoCheckoutAfter());
        java.util.Map<Long, Counts> counts = new java.util.HashMap<>();
        if (list.isEmpty()) {
            return counts;
        }
        jdbc.sql("""
                select venue_id, count(*) filter (where checked_in_at >= :day),
                       count(*) filter (where checked_out_at is null and checked_in_at > :stay)
                from checkin_checkin where venue_id in (:ids) and checked_in_at >= :earliest group by venue_id""")
                .param("day", Timestamp.from(startOfDay)).param("stay", Timestamp.from(stay))
                .param("earliest", Timestamp.from(min(startOfDay, stay)))
                .param("ids", list.stream().map(Venue::id).toList())
                .query((rs, n) -> counts.put(rs.getLong(1), new Counts(rs.getLong(2), rs.getLong(3)))).list();
        return counts;
    }

    /** Check-ins per day over the last {@code days} days, newest first. */
    @Transactional(readOnly = true)
    List<DayCount> daily(Venue venue, int days) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), clock.getZone());
        LocalDate from = today.minusDays(days - 1L);
        return jdbc.sql("""
                select day, sum(n) from (
                    select (checked_in_at at time zone :zone)::date as day, count(*) as n from checkin_checkin
                    where venue_id = :v and checked_in_at >= :from group by 1
                    union all
                    select day, checkins from checkin_daily_count where venue_id = :v and day >= :fromDay
                ) t group by day order by day desc""")
                .param("zone", clock.getZone().getId()).param("v", venue.id())
                .param("from", Timestamp.from(from.atStartOfDay(clock.getZone()).toInstant())).param("fromDay", from)
                .query((rs, n) -> new DayCount(rs.getObject(1, LocalDate.class), rs.getLong(2))).list();
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    List<Village> villages(String townCode) {
        return regions.villages(townCode);
    }

    private Venue byId(long id) {
        return jdbc.sql("select " + COLUMNS + " from checkin_venue where id = :id").param("id", id).query(Venues::map).single();
    }

    private static boolean visible(Scope scope, Venue venue) {
        return venue.villageCode() == null ? scope.coversWholeTown(venue.townCode())
                : scope.coversVillage(venue.townCode(), venue.villageCode());
    }

    static void checkPosition(Double longitude, Double latitude) {
        if ((longitude == null) != (latitude == null)) {
            throw new RejectedException("longitude", "经纬度须同时填写 / give both longitude and latitude");
        }
        if (longitude != null && (longitude < 73 || longitude > 136 || latitude < 3 || latitude > 54)) {
            throw new RejectedException("longitude", "位置不在中国境内 / the position is outside China");
        }
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    static Venue map(ResultSet rs, int n) throws SQLException {
        return new Venue(rs.getLong("id"), rs.getString("code"), rs.getString("name"), VenueType.valueOf(rs.getString("type")),
                rs.getString("town_code"), rs.getString("village_code"), rs.getObject("longitude", Double.class),
                rs.getObject("latitude", Double.class), rs.getObject("capacity", Integer.class), rs.getString("manager"),
                rs.getBoolean("demo"), rs.getBoolean("retired"), rs.getInt("version"));
    }
}
