package org.townbrain.sensing;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.townbrain.platform.scope.Scope;

/**
 * Stores readings. Each row is checked on its own (unknown sensor, another device's sensor,
 * outside the caller's towns, malformed time, far future, missing or physically impossible
 * value); good rows are kept, bad rows are answered with their error. Storing is idempotent on
 * (sensor, observed time), and the answer is given only after the transaction committed. The
 * work that follows (roll-ups, alarm rules) is left to the {@link ReadingDigest}.
 */
@Service
class TelemetryIngest {

    /** One incoming row as sent: any field may be missing or of the wrong type. */
    /** A row as sent; {@code observedAt} is already an {@link Instant} when the JSON reader could read it without a string. */
    record Incoming(Object sensorId, Object observedAt, Object value) {
    }

    /** A reading that was newly stored, with the received time of its batch. */
    record Stored(String sensorId, Instant observedAt, double value, Instant receivedAt) {
    }

    record RowError(int index, String sensorId, String error) {
    }

    /** The answer to a batch, and for the digest the received time and readings of what was newly stored. */
    record Report(int received, int stored, int duplicates, List<RowError> rejected, Instant receivedAt,
            List<Stored> storedRows) {
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final TelemetryPartitions partitions;
    private final SensingProperties properties;
    private final Clock clock;
    /** The last received time handed out, in microseconds since the epoch. */
    private final AtomicLong lastReceived = new AtomicLong();

    TelemetryIngest(JdbcClient jdbc, JdbcTemplate template, TelemetryPartitions partitions,
            SensingProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.template = template;
        this.partitions = partitions;
        this.properties = properties;
        this.clock = clock;
    }

    /** A checked row, ready to store. */
    record Checked(String sensorId, Instant observedAt, double value) {
    }

    /**
     * Checks the rows. {@code deviceId} limits rows to that device's own sensor (device token);
     * {@code scope} limits them to the caller's towns (a person uploading a file); either may be null.
     */
    List<Object> check(List<Incoming> rows, String deviceId, Scope scope) {
        Map<String, Device> devices = new HashMap<>();
        Set<String> ids = new HashSet<>();
        for (Incoming row : rows) {
            if (row != null && row.sensorId() instanceof String s) {
                ids.add(s);
            }
        }
        if (!ids.isEmpty()) {
            jdbc.sql("select id, kind, town_code from sensing_device where id = any(:ids)")
                    .param("ids", ids.toArray(String[]::new))
                    .query((rs, n) -> new Device(rs.getString(1), SensorKind.ofWord(rs.getString(2)), rs.getString(3),
                            null, null, null, null, null, null, null, false, null, null, false, 0))
                    .list().forEach(d -> devices.put(d.id(), d));
        }
        Instant latest = clock.instant().plus(properties.futureTolerance());
        List<Object> result = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            Incoming row = rows.get(i);
            String id = row != null && row.sensorId() instanceof String s ? s : null;
            Device device = id == null ? null : devices.get(id);
            String error = null;
            Instant at = null;
            double value = Double.NaN;
            if (row == null || id == null) {
                error = "missing sensorId / 缺少传感器编号";
            } else if (device == null) {
                error = "unknown sensor / 未登记的传感器";
            } else if (deviceId != null && !deviceId.equals(id)) {
                error = "this device's token is not valid for that sensor / 设备令牌与传感器不符";
            } else if (scope != null && !scope.coversTown(device.townCode())) {
                error = "unknown sensor / 未登记的传感器";
            } else {
                try {
                    at = parseTime(row.observedAt());
                } catch (DateTimeParseException | ClassCastException e) {
                    error = "observedAt must be ISO-8601 with an offset / 时间格式应为带时区的 ISO-8601";
                }
                if (error == null && at.isAfter(latest)) {
                    error = "observedAt is in the future / 观测时间在未来";
                }
                if (error == null) {
                    value = row.value() instanceof Number n ? n.doubleValue() : parseNumber(row.value());
                    if (Double.isNaN(value)) {
                        error = "value must be a number / 数值缺失或无效";
                    } else if (!device.kind().possible(value)) {
                        error = "value outside the physical range " + device.kind().min() + "–" + device.kind().max()
                                + " " + device.kind().unit() + " / 数值超出物理范围";
                    }
                }
            }
            // the registry's id: one string per sensor for all its rows, so later lookups compare by identity
            result.add(error == null ? new Checked(device.id(), at, value) : new RowError(i, id, error));
        }
        return result;
    }

    private static Instant parseTime(Object value) {
        if (value instanceof Instant at) {
            return at; // read while parsing the body
        }
        if (!(value instanceof String text)) {
            throw new DateTimeParseException("not text", String.valueOf(value), 0);
        }
        // microseconds, as PostgreSQL keeps them, so a repeat is recognised before it reaches the database
        return IsoInstant.parse(text);
    }

    private static double parseNumber(Object value) {
        if (value instanceof String s) {
            try {
                return Double.parseDouble(s.strip());
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }

    /** Creates the months the checked rows need (in their own transaction). */
    void preparePartitions(List<Object> checked) {
        Set<YearMonth> months = new TreeSet<>();
        long lastDay = Long.MIN_VALUE;
        for (Object o : checked) {
            // a batch is mostly in time order: one look per day is enough
            if (o instanceof Checked c && Math.floorDiv(c.observedAt().getEpochSecond(), 86_400) != lastDay) {
                lastDay = Math.floorDiv(c.observedAt().getEpochSecond(), 86_400);
                months.add(YearMonth.from(LocalDate.ofEpochDay(lastDay)));
            }
        }
        months.removeIf(partitions::known);
        if (!months.isEmpty()) {
            partitions.ensure(months);
        }
    }

    /**
     * Stores the checked rows when none of them is stored yet (the usual case: a device sends
     * each reading once), in bulk with COPY, and records the batch as pending for the
     * {@link ReadingDigest}; throws {@link DuplicateKeyException} and writes nothing if any is,
     * so the caller can {@linkplain #storeCarefully store carefully} instead.
     */
    @Transactional
    Report store(List<Object> checked) {
        Batch batch = Batch.of(checked);
        if (batch.unique().isEmpty()) {
            return report(batch, null, List.of());
        }
        Instant receivedAt = pending(batch.unique().size());
        template.execute((ConnectionCallback<Void>) connection -> {
            ReadingCopy.copy(connection, batch.unique(), receivedAt);
            return null;
        });
        List<Stored> stored = new ArrayList<>(batch.unique().size());
        for (Checked c : batch.unique()) {
            stored.add(new Stored(c.sensorId(), c.observedAt(), c.value(), receivedAt));
        }
        return report(batch, receivedAt, stored);
    }

    /** Stores the checked rows that are not stored yet, skipping the others; for retried and overlapping batches. */
    @Transactional
    Report storeCarefully(List<Object> checked) {
        Batch batch = Batch.of(checked);
        if (batch.unique().isEmpty()) {
            return report(batch, null, List.of());
        }
        Instant receivedAt = pending(batch.unique().size());
        List<Stored> stored = insertNew(batch.unique(), receivedAt);
        jdbc.sql(stored.isEmpty() ? "delete from sensing_reading_pending where received_at = :at"
                        : "update sensing_reading_pending set readings = :n where received_at = :at")
                .param("n", stored.size()).param("at", Timestamp.from(receivedAt)).update();
        return report(batch, stored.isEmpty() ? null : receivedAt, stored);
    }

    /**
     * Records a batch of new readings as pending and returns its received time, which all its
     * readings carry: unique per batch (the pending row's key), so the digest can find them.
     */
    private Instant pending(int readings) {
        while (true) {
            long now = ChronoUnit.MICROS.between(Instant.EPOCH, clock.instant());
            Instant receivedAt = Instant.EPOCH.plus(lastReceived.accumulateAndGet(now, (last, t) -> Math.max(last + 1, t)),
                    ChronoUnit.MICROS);
            // taken only by another instance, or by a run whose clock was ahead: then try the next microsecond
            if (jdbc.sql("insert into sensing_reading_pending (received_at, readings) values (:at, :n) on conflict do nothing")
                    .param("at", Timestamp.from(receivedAt)).param("n", readings).update() == 1) {
                return receivedAt;
            }
        }
    }

    /** What makes a reading the same reading. */
    private record Reading(String sensorId, Instant observedAt) {
    }

    /**
     * The answer for checked rows handed to the ingest log instead of being stored here: the
     * unique good rows count as stored (the log has them durably), repeats within the batch as
     * duplicates; a repeat of an earlier batch is recognised only when the log's consumer stores it.
     */
    static Report logged(List<Object> checked) {
        Batch batch = Batch.of(checked);
        return new Report(batch.received(), batch.unique().size(), batch.good() - batch.unique().size(), batch.errors(),
                null, List.of());
    }

    /** The unique good rows of checked rows, in their order (the first of a repeated reading counts). */
    static List<Checked> unique(List<Object> checked) {
        return Batch.of(checked).unique();
    }

    /** The good rows of a batch without repeats (the first of a repeated reading counts), and the bad rows. */
    private record Batch(int received, int good, List<Checked> unique, List<RowError> errors) {

        static Batch of(List<Object> checked) {
            List<RowError> errors = new ArrayList<>();
            Map<Reading, Checked> unique = new LinkedHashMap<>();
            int good = 0;
            for (Object o : checked) {
                if (o instanceof Checked c) {
                    good++;
                    unique.putIfAbsent(new Reading(c.sensorId(), c.observedAt()), c);
                } else {
                    errors.add((RowError) o);
                }
            }
            return new Batch(checked.size(), good, List.copyOf(unique.values()), errors);
        }
    }

    private Report report(Batch batch, Instant receivedAt, List<Stored> stored) {
        return new Report(batch.received(), stored.size(), batch.good() - stored.size(), batch.errors(), receivedAt, stored);
    }

    /** Inserts the rows that are not stored yet and returns those. */
    private List<Stored> insertNew(List<Checked> rows, Instant receivedAt) {
        String sql = """
                insert into sensing_reading (sensor_id, observed_at, value, received_at)
                select sensor_id, observed_at::timestamptz, value, ?
                from unnest(?::text[], ?::text[], ?::float8[]) as t(sensor_id, observed_at, value)
                on conflict do nothing
                returning sensor_id, observed_at, value""";
        return template.execute((ConnectionCallback<List<Stored>>) connection -> {
            String[] ids = new String[rows.size()];
            String[] times = new String[rows.size()];
            Double[] values = new Double[rows.size()];
            for (int i = 0; i < rows.size(); i++) {
                ids[i] = rows.get(i).sensorId();
                times[i] = rows.get(i).observedAt().toString();
                values[i] = rows.get(i).value();
            }
            List<Stored> stored = new ArrayList<>();
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                ps.setTimestamp(1, Timestamp.from(receivedAt));
                ps.setArray(2, connection.createArrayOf("text", ids));
                ps.setArray(3, connection.createArrayOf("text", times));
                ps.setArray(4, connection.createArrayOf("float8", values));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        stored.add(new Stored(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getDouble(3), receivedAt));
                    }
                }
            }
            return stored;
        });
    }
}
