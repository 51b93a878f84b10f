package org.townbrain.sensing;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.townbrain.platform.errors.NotFoundException;
import org.townbrain.platform.errors.RejectedException;
import org.townbrain.region.Regions;
import org.townbrain.region.Village;

/**
 * The sensors of a village's small brain (乡村小脑): which sensors belong to a village, and
 * their last values and open alarms for the village module. Jurisdiction is the caller's
 * business (the village module answers only for villages the user covers).
 */
@Service
public class VillageSensors {

    /** A village sensor as the small brain shows it. */
    public record VillageSensor(String id, SensorKind kind, String name, Double lastValue, Instant lastValueAt,
            boolean online, boolean demo, List<OpenAlarm> openAlarms) {
    }

    /** An alarm of the sensor not yet cleared. */
    public record OpenAlarm(long id, WarningLevel level, String state, Instant raisedAt, String why, boolean caseRequested) {
    }

    private final JdbcClient jdbc;
    private final Regions regions;
    private final SensingProperties properties;
    private final Clock clock;
    private final Telemetry telemetry;

    VillageSensors(JdbcClient jdbc, Regions regions, SensingProperties properties, Clock clock, Telemetry telemetry) {
        this.jdbc = jdbc;
        this.regions = regions;
        this.properties = properties;
        this.clock = clock;
        this.telemetry = telemetry;
    }

    /** The sensors placed in a village, with their open alarms. */
    @Transactional(readOnly = true)
    public List<VillageSensor> of(String villageCode) {
        Instant onlineSince = clock.instant().minus(properties.offlineAfter());
        return jdbc.sql("""
                select id, kind, name, last_value, last_value_at, last_seen_at, demo from sensing_device
                where village_code = :v order by kind, id""")
                .param("v", villageCode)
                .query((rs, n) -> {
                    Timestamp seen = rs.getTimestamp(6);
                    Timestamp at = rs.getTimestamp(5);
                    String id = rs.getString(1);
                    return new VillageSensor(id, SensorKind.ofWord(rs.getString(2)), rs.getString(3),
                            (Double) rs.getObject(4), at == null ? null : at.toInstant(),
                            seen != null && seen.toInstant().isAfter(onlineSince), rs.getBoolean(7), List.of());
                })
                .list().stream().map(s -> new VillageSensor(s.id(), s.kind(), s.name(), s.lastValue(), s.lastValueAt(),
                        s.online(), s.demo(), openAlarms(s.id())))
                .toList();
    }

    private List<OpenAlarm> openAlarms(String sensorId) {
        return jdbc.sql("""
                select id, level, state, raised_at, why, case_requested from sensing_alarm
                where sensor_id = :s and state <> 'CLEARED' order by raised_at""")
                .param("s", sensorId)
                .query((rs, n) -> new OpenAlarm(rs.getLong(1), WarningLevel.ofWord(rs.getString(2)), rs.getString(3),
                        rs.getTimestamp(4).toInstant(), rs.getString(5), rs.getBoolean(6)))
                .list();
    }

    /**
     * Places a registered sensor in a village of its own town, so its persisting alarms become
     * cases of that village. Called by the village module for sensors the caller may manage.
     */
    @Transactional
    public void place(String sensorId, String villageCode) {
        Village village = regions.village(villageCode).orElseThrow(() -> new NotFoundException("village " + villageCode));
        String town = jdbc.sql("select town_code from sensing_device where id = :id").param("id", sensorId)
                .query(String.class).optional().orElseThrow(() -> new NotFoundException("sensor " + sensorId));
        if (!town.equals(village.townCode())) {
            throw new RejectedException("villageCode", "村社不属于传感器所在镇街 / the village is not in the sensor's town");
        }
        jdbc.sql("update sensing_device set village_code = :v, version = version + 1 where id = :id")
                .param("v", villageCode).param("id", sensorId).update();
    }

    /** A demo sensor of a village (id starting {@code DEMO-}), with a day of readings, one every 30 minutes, oldest first. */
    public void demo(String id, SensorKind kind, String villageCode, String name, double lat, double lon, double[] lastDay) {
        Village village = regions.village(villageCode).orElseThrow(() -> new NotFoundException("village " + villageCode));
        if (!id.startsWith("DEMO-")) {
            throw new IllegalArgumentException("demo sensors' ids start with DEMO-");
        }
        jdbc.sql("""
                insert into sensing_device (id, kind, town_code, village_code, name, lat, lon, token_hash, token_prefix,
                    demo, created_at)
                values (:id, :kind, :town, :village, :name, :lat, :lon, :hash, 'tbd_demo', true, :now)
                on conflict (id) do nothing""")
                .param("id", id).param("kind", kind.word()).param("town", village.townCode()).param("village", villageCode)
                .param("name", name).param("lat", lat).param("lon", lon)
                .param("hash", Devices.hash(UUID.randomUUID().toString())).param("now", Timestamp.from(clock.instant()))
                .update();
        Instant end = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        end = end.minusSeconds(end.getEpochSecond() % 1800);
        List<TelemetryIngest.Incoming> rows = new java.util.ArrayList<>();
        for (int i = 0; i < lastDay.length; i++) {
            rows.add(new TelemetryIngest.Incoming(id, end.minusSeconds(1800L * (lastDay.length - 1 - i)).toString(),
                    lastDay[i]));
        }
        telemetry.accept(rows, null, null);
    }
}
