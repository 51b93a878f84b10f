package org.townbrain.sensing;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.HashMap;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The hourly roll-ups (count, minimum, maximum, sum per sensor and hour) and each device's last
 * seen time and last value, kept from the readings the digest hands over: each reading exactly
 * once, late and out-of-order ones into their own hour. One statement each; only the digest's
 * one thread writes them, so their order does not matter for locks.
 */
@Component
class RollUps implements Telemetry.Listener {

    private final JdbcTemplate jdbc;

    RollUps(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void stored(List<TelemetryIngest.Stored> readings) {
        rollUp(readings);
        touchDevices(readings);
    }

    private void rollUp(List<TelemetryIngest.Stored> readings) {
        Map<String, Map<Long, Hour>> hours = new HashMap<>();
        for (TelemetryIngest.Stored r : readings) {
            hours.computeIfAbsent(r.sensorId(), k -> new HashMap<>())
                    .computeIfAbsent(Math.floorDiv(r.observedAt().getEpochSecond(), 3600), k -> new Hour())
                    .add(r.value());
        }
        List<String> ids = new ArrayList<>();
        List<Timestamp> starts = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        List<Double> mins = new ArrayList<>();
        List<Double> maxes = new ArrayList<>();
        List<Double> sums = new ArrayList<>();
        hours.forEach((id, byHour) -> byHour.forEach((hour, h) -> {
            ids.add(id);
            starts.add(Timestamp.from(Instant.ofEpochSecond(hour * 3600)));
            counts.add(h.n);
            mins.add(h.min);
            maxes.add(h.max);
            sums.add(h.sum);
        }));
        jdbc.execute((ConnectionCallback<Integer>) connection -> {
            try (PreparedStatement ps = connection.prepareStatement("""
                    insert into sensing_reading_hourly as h (sensor_id, hour, n, min_value, max_value, sum_value)
                    select * from unnest(?::text[], ?::timestamptz[], ?::int[], ?::float8[], ?::float8[], ?::float8[])
                    on conflict (sensor_id, hour) do update set n = h.n + excluded.n,
                        min_value = least(h.min_value, excluded.min_value),
                        max_value = greatest(h.max_value, excluded.max_value),
                        sum_value = h.sum_value + excluded.sum_value""")) {
                ps.setArray(1, connection.createArrayOf("text", ids.toArray()));
                ps.setArray(2, connection.createArrayOf("timestamptz", starts.toArray()));
                ps.setArray(3, connection.createArrayOf("int4", counts.toArray()));
                ps.setArray(4, connection.createArrayOf("float8", mins.toArray()));
                ps.setArray(5, connection.createArrayOf("float8", maxes.toArray()));
                ps.setArray(6, connection.createArrayOf("float8", sums.toArray()));
                return ps.executeUpdate();
            }
        });
    }

    /** Count, minimum, maximum and sum of one sensor's readings in one hour. */
    private static final class Hour {
        int n;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum;

        void add(double value) {
            n++;
            min = Math.min(min, value);
            max = Math.max(max, value);
            sum += value;
        }
    }

    /** Last seen (when its newest batch came) and last value (of its latest observation) of each device that reported. */
    private void touchDevices(List<TelemetryIngest.Stored> readings) {
        Map<String, TelemetryIngest.Stored> latest = new HashMap<>();
        Map<String, Instant> seen = new HashMap<>();
        for (TelemetryIngest.Stored r : readings) {
            TelemetryIngest.Stored last = latest.get(r.sensorId());
            if (last == null || r.observedAt().isAfter(last.observedAt())) {
                latest.put(r.sensorId(), r);
            }
            Instant seenAt = seen.get(r.sensorId());
            if (seenAt == null || r.receivedAt().isAfter(seenAt)) {
                seen.put(r.sensorId(), r.receivedAt());
            }
        }
        List<String> ids = new ArrayList<>(latest.keySet());
        Timestamp[] seenAt = ids.stream().map(id -> Timestamp.from(seen.get(id))).toArray(Timestamp[]::new);
        Timestamp[] valueAt = ids.stream().map(id -> Timestamp.from(latest.get(id).observedAt())).toArray(Timestamp[]::new);
        Double[] values = ids.stream().map(id -> latest.get(id).value()).toArray(Double[]::new);
        jdbc.execute((ConnectionCallback<Integer>) connection -> {
            try (PreparedStatement ps = connection.prepareStatement("""
                    update sensing_device d set last_seen_at = greatest(coalesce(d.last_seen_at, t.seen), t.seen),
                        last_value = case when d.last_value_at is null or t.at >= d.last_value_at then t.value else d.last_value end,
                        last_value_at = greatest(coalesce(d.last_value_at, t.at), t.at)
                    from unnest(?::text[], ?::timestamptz[], ?::timestamptz[], ?::float8[]) as t(id, seen, at, value)
                    where d.id = t.id""")) {
                ps.setArray(1, connection.createArrayOf("text", ids.toArray()));
                ps.setArray(2, connection.createArrayOf("timestamptz", seenAt));
                ps.setArray(3, connection.createArrayOf("timestamptz", valueAt));
                ps.setArray(4, connection.createArrayOf("float8", values));
                return ps.executeUpdate();
            }
        });
    }
}
