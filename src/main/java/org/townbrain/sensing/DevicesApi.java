package org.townbrain.sensing;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The device registry and readings for charts. */
@RestController
@RequestMapping("/api/sensing")
@Tag(name = "Sensing", description = "Sensors, their readings and alarms")
class DevicesApi {

    private final Devices devices;
    private final JdbcClient jdbc;
    private final Clock clock;

    DevicesApi(Devices devices, JdbcClient jdbc, Clock clock) {
        this.devices = devices;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @PostMapping("/devices")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Register a sensor; the answer holds its device token, shown only this once")
    Devices.Registered register(@RequestBody Devices.Registration registration) {
        return devices.register(registration);
    }

    @org.springframework.web.bind.annotation.PutMapping("/devices/{id}")
    @Operation(summary = "Correct a sensor's name, position, rim level, rain gauge and limits (with the version read; 409 if stale)")
    Device correct(@PathVariable String id, @RequestBody Devices.Correction correction) {
        return devices.correct(id, correction);
    }

    @PostMapping("/devices/{id}/token")
    @Operation(summary = "Issue a new device token (the old one stops working)")
    Map<String, String> rotate(@PathVariable String id) {
        return Map.of("token", devices.rotateToken(id));
    }

    @GetMapping("/devices")
    @Operation(summary = "Sensors in the caller's towns, with online state")
    List<Device> list() {
        return devices.list();
    }

    @GetMapping("/devices/{id}")
    Device one(@PathVariable String id) {
        return devices.visible(id);
    }

    /** A point of a chart: time, and the value (raw) or min/mean/max of the hour (roll-up). */
    record Point(Instant t, double value, Double min, Double max) {
    }

    @GetMapping("/devices/{id}/readings")
    @Operation(summary = "Readings of the last N hours: raw up to 48 hours, hourly roll-ups beyond")
    List<Point> readings(@PathVariable String id, @RequestParam(defaultValue = "24") int hours) {
        devices.visible(id);
        int span = Math.max(1, Math.min(hours, 24 * 400));
        Timestamp from = Timestamp.from(clock.instant().minus(Duration.ofHours(span)));
        if (span <= 48) {
            return jdbc.sql("""
                    select observed_at, value from sensing_reading
                    where sensor_id = :id and observed_at >= :from order by observed_at""")
                    .param("id", id).param("from", from)
                    .query((rs, n) -> new Point(rs.getTimestamp(1).toInstant(), rs.getDouble(2), null, null)).list();
        }
        return jdbc.sql("""
                select hour, sum_value / n, min_value, max_value from sensing_reading_hourly
                where sensor_id = :id and hour >= :from order by hour""")
                .param("id", id).param("from", from)
                .query((rs, n) -> new Point(rs.getTimestamp(1).toInstant(), rs.getDouble(2), rs.getDouble(3),
                        rs.getDouble(4))).list();
    }
}
