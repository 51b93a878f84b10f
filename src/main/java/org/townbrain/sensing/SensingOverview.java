package org.townbrain.sensing;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.townbrain.platform.scope.Scope;
import org.townbrain.platform.scope.ScopeProvider;

/** The sensing module's read API for other modules (the cockpit): open warnings and where the sensors are. */
@Service
@Transactional(readOnly = true)
public class SensingOverview {

    /** An alarm not yet cleared, with the sensor's position for the map. */
    public record OpenWarning(long alarmId, String sensorId, String sensorName, String townCode, WarningLevel level,
            String state, Instant raisedAt, Instant predictedOverflowAt, String why, Double lat, Double lon, int version) {
    }

    /** A sensor on the map with its state. */
    public record SensorPoint(String sensorId, String name, String kind, String townCode, double lat, double lon,
            boolean online) {
    }

    private final JdbcClient jdbc;
    private final ScopeProvider scopes;
    private final SensingProperties properties;
    private final Clock clock;

    private final Devices devices;

    SensingOverview(JdbcClient jdbc, ScopeProvider scopes, SensingProperties properties, Clock clock, Devices devices) {
        this.devices = devices;
        this.jdbc = jdbc;
        this.scopes = scopes;
        this.properties = properties;
        this.clock = clock;
    }

    /** Open warnings in these towns (within the caller's scope), worst level first, then oldest first. */
    public List<OpenWarning> openWarnings(Collection<String> townCodes) {
        Scope scope = scopes.current();
        List<String> towns = townCodes.stream().filter(scope::coversTown).toList();
        if (towns.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                select a.id, a.sensor_id, d.name, a.town_code, a.level, a.state, a.raised_at, case when a.predicted_overflow_at >= a.raised_at then a.predicted_overflow_at end,
                       a.why, d.lat, d.lon, a.version
                from sensing_alarm a join sensing_device d on d.id = a.sensor_id
                where a.state <> 'CLEARED' and a.town_code in (:towns)
                order by case lower(a.level) when 'red' then 0 when 'orange' then 1 when 'yellow' then 2 else 3 end, a.raised_at""")
                .param("towns", towns)
                .query((rs, n) -> new OpenWarning(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        WarningLevel.ofWord(rs.getString(5)), rs.getString(6), rs.getTimestamp(7).toInstant(),
                        rs.getTimestamp(8) == null ? null : rs.getTimestamp(8).toInstant(), rs.getString(9),
                        (Double) rs.getObject(10), (Double) rs.getObject(11), rs.getInt(12)))
                .list();
    }

    /** Located sensors in these towns (within the caller's scope). */
    public List<SensorPoint> sensors(Collection<String> townCodes) {
        Scope scope = scopes.current();
        List<String> towns = townCodes.stream().filter(scope::coversTown).toList();
        if (towns.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                select id, name, kind, town_code, lat, lon, last_seen_at > :onlineSince
                from sensing_device where lat is not null and lon is not null and town_code in (:towns)""")
                .param("towns", towns).param("onlineSince", onlineSince())
                .query((rs, n) -> new SensorPoint(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getDouble(5), rs.getDouble(6), rs.getBoolean(7)))
                .list();
    }

    /**
     * At most {@code limit} located sensors in these towns (within the caller's scope), the ones
     * that need attention first: those with an open alarm, then offline ones, then the rest. A
     * map of a province draws a few thousand of its ~100,000 sensors, chosen here, not in memory.
     */
    public List<SensorPoint> sensors(Collection<String> townCodes, int limit) {
        Scope scope = scopes.current();
        List<String> towns = townCodes.stream().filter(scope::coversTown).toList();
        if (towns.isEmpty() || limit <= 0) {
            return List.of();
        }
        return jdbc.sql("""
                select d.id, d.name, d.kind, d.town_code, d.lat, d.lon,
                       coalesce(d.last_seen_at > :onlineSince, false) as online
                from sensing_device d
                left join (select distinct sensor_id from sensing_alarm where state <> 'CLEARED') a on a.sensor_id = d.id
                where d.lat is not null and d.lon is not null and d.town_code in (:towns)
                order by a.sensor_id is null, 7, d.id limit :limit""")
                .param("towns", towns).param("onlineSince", onlineSince()).param("limit", limit)
                .query((rs, n) -> new SensorPoint(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getDouble(5), rs.getDouble(6), rs.getBoolean(7)))
                .list();
    }

    /** A sensor is online when it reported after this ({@link Devices#onlineSince()}: one definition); one value per query. */
    private Timestamp onlineSince() {
        return Timestamp.from(devices.onlineSince());
    }
}
