package org.townbrain.sensing;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.townbrain.sensing.forecast.Nowcasts;
import org.townbrain.sensing.forecast.OverflowForecaster;
import org.townbrain.sensing.forecast.SensorSpec;
import org.townbrain.sensing.forecast.Warning;

/**
 * The overflow forecaster running on live readings of every manhole and rain gauge. Whenever it
 * is built — at start, after the digest rolled back — it first reads the stored, already digested history of the last
 * {@linkplain SensingProperties#forecasterHistory() 30 days} again, in time order and without
 * issuing warnings, so each manhole's catchment model is learnt as if the forecaster had never
 * stopped: a restart in the middle of the flood season does not cost it what it learnt. Readings
 * not digested yet are left to the digest, which brings them with their warnings; a reading
 * older than what was read again for its sensor is skipped. A newly registered sensor joins the
 * running forecaster when its first readings come. Rain nowcasts come in through
 * {@code POST /api/sensing/nowcasts}.
 */
@Component
class LiveForecaster {

    private static final Logger log = LoggerFactory.getLogger(LiveForecaster.class);
    /** History is read a day at a time: a day of 5-minute readings of a thousand sensors is 288,000 rows. */
    private static final Duration CHUNK = Duration.ofDays(1);
    /** As long as {@link Nowcasts} keeps a gauge's older issues. */
    private static final Duration NOWCASTS_KEPT = Duration.ofDays(2);

    private final JdbcClient jdbc;
    private final SensingProperties properties;
    private final Clock clock;
    private final Nowcasts nowcasts = Nowcasts.none();
    private OverflowForecaster forecaster;
    private final List<Warning> issued = new ArrayList<>();
    /** While the history is read again: its warnings are history, not news. */
    private boolean relearning;
    /** Per sensor, the latest reading read from the history (epoch seconds): the digest's older ones are skipped. */
    private final Map<String, Long> learntUntil = new HashMap<>();
    /** The manholes and gauges registered when it was built, including those it cannot forecast (no rim level). */
    private Set<String> registered = Set.of();
    private boolean nowcastsLoaded;
    /** Set from another thread when the forecaster should relearn before its next readings. */
    private volatile boolean relearn;

    LiveForecaster(JdbcClient jdbc, SensingProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    /** Builds the forecaster when the application is up, so the first reading after a restart does not wait for it. */
    @EventListener(ApplicationReadyEvent.class)
    void prepare() {
        Thread.ofVirtual().name("sensing-forecaster-relearn").start(() -> {
            try {
                synchronized (this) {
                    if (forecaster == null) {
                        rebuild(clock.instant());
                    }
                }
            } catch (RuntimeException e) {
                log.warn("sensing: relearning the forecaster at start failed; it will try again with the next reading", e);
            }
        });
    }

    /**
     * Makes sure the forecaster is built and knows these sensors, before the digest feeds it a
     * chunk of readings; when it has to be built, the history read again is what was received
     * before {@code horizon} (the chunk's oldest reading) and is not pending.
     */
    synchronized void ready(Collection<String> sensorIds, Instant horizon) {
        if (forecaster == null || relearn) {
            relearn = false;
            rebuild(horizon);
        } else if (!registered.containsAll(sensorIds)) {
            // newly registered sensors join without relearning the others (which would hold alarms for seconds)
            List<SensorSpec> devices = devices(null);
            forecaster.add(forecastable(devices));
            registered = ids(devices);
        }
    }

    /** Feeds one reading, after {@link #ready}; returns the warnings it caused. */
    synchronized List<Warning> observe(String sensorId, long observedAt, double value) {
        if (forecaster == null) {
            throw new IllegalStateException("the forecaster is fed only after ready()");
        }
        Long learnt = learntUntil.get(sensorId);
        if (learnt != null && observedAt <= learnt) {
            return List.of(); // read already from the history
        }
        issued.clear();
        forecaster.observe(sensorId, observedAt, value);
        return List.copyOf(issued);
    }

    /** A sensor's rim level or gauge was corrected: the running forecaster takes it at once. */
    @org.springframework.transaction.event.TransactionalEventListener
    synchronized void corrected(Devices.Corrected event) {
        if (forecaster == null) {
            return; // it reads the registry when it is built
        }
        devices(event.id()).stream().filter(LiveForecaster::forecastable).forEach(forecaster::update);
    }

    /**
     * Asks for a rebuild from the stored history before the next readings are fed: another
     * instance fed this one's catchments meanwhile (ingest log partitions moved here). Safe from
     * any thread; unlike {@link #forget()} it never drops the model between {@link #ready} and
     * {@link #observe}.
     */
    void relearnSoon() {
        relearn = true;
    }

    /** Drops what it learned; it is rebuilt from the stored history with the next reading. */
    synchronized void forget() {
        forecaster = null;
    }

    /** The catchment model a manhole's warnings currently rest on, or null for a sensor it does not forecast. */
    synchronized org.townbrain.sensing.forecast.CatchmentModel model(String manholeId) {
        if (forecaster == null) {
            rebuild(clock.instant());
        }
        return forecaster.manhole(manholeId) < 0 ? null : forecaster.model(manholeId);
    }

    /** A manhole as the running forecaster knows it, or null. */
    synchronized SensorSpec spec(String manholeId) {
        return forecaster == null ? null : forecaster.spec(manholeId);
    }

    private void rebuild(Instant horizon) {
        loadNowcasts();
        List<SensorSpec> devices = devices(null);
        registered = ids(devices);
        List<SensorSpec> sensors = forecastable(devices);
        forecaster = new OverflowForecaster(sensors, nowcasts, warning -> {
            if (!relearning) {
                issued.add(warning);
            }
        });
        learntUntil.clear();
        if (!sensors.isEmpty() && properties.forecasterHistory().isPositive()) {
            relearn(sensors, horizon);
        }
    }

    /** The registered manholes and rain gauges, or the one with this id. */
    private List<SensorSpec> devices(String id) {
        return jdbc.sql("""
                select id, kind, town_code, lat, lon, rim_level_m, gauge_id from sensing_device
                where kind in ('manhole_level', 'rain_gauge') and (cast(:id as text) is null or id = :id)""")
                .param("id", id)
                .query((rs, n) -> {
                    boolean manhole = rs.getString(2).equals("manhole_level");
                    Double rim = (Double) rs.getObject(6);
                    return new SensorSpec(rs.getString(1), manhole, rs.getString(3),
                            rs.getObject(4) == null ? Double.NaN : rs.getDouble(4),
                            rs.getObject(5) == null ? Double.NaN : rs.getDouble(5),
                            rim == null ? Double.NaN : rim, rs.getString(7));
                }).list();
    }

    private static Set<String> ids(List<SensorSpec> devices) {
        return devices.stream().map(SensorSpec::id).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /** A manhole is forecast only with its rim level: without it there is no overflow to predict. */
    private static boolean forecastable(SensorSpec device) {
        return !device.manhole() || !Double.isNaN(device.rimLevel());
    }

    private static List<SensorSpec> forecastable(List<SensorSpec> devices) {
        return devices.stream().filter(LiveForecaster::forecastable).toList();
    }

    /** Reads the stored history again, oldest first; rain before levels at the same moment, as a gauge's rain explains the level. */
    private void relearn(List<SensorSpec> sensors, Instant horizon) {
        String[] ids = sensors.stream().map(SensorSpec::id).toArray(String[]::new);
        String[] gauges = sensors.stream().filter(s -> !s.manhole()).map(SensorSpec::id).toArray(String[]::new);
        Instant until = clock.instant();
        long started = System.nanoTime();
        long[] readings = {0};
        relearning = true;
        try {
            for (Instant from = until.minus(properties.forecasterHistory()); from.isBefore(until); from = from.plus(CHUNK)) {
                Instant to = from.plus(CHUNK).isBefore(until) ? from.plus(CHUNK) : until;
                jdbc.sql("""
                        select r.sensor_id, r.observed_at, r.value from sensing_reading r
                        where r.sensor_id = any(:ids) and r.observed_at >= :from and r.observed_at < :to
                          and r.received_at < :horizon
                          and not exists (select 1 from sensing_reading_pending p where p.received_at = r.received_at)
                        order by r.observed_at, r.sensor_id = any(:gauges) desc, r.sensor_id""")
                        .param("ids", ids).param("gauges", gauges).param("horizon", Timestamp.from(horizon))
                        .param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
                        .query(rs -> {
                            String id = rs.getString(1);
                            long at = rs.getTimestamp(2).toInstant().getEpochSecond();
                            forecaster.observe(id, at, rs.getDouble(3));
                            learntUntil.merge(id, at, Math::max);
                            readings[0]++;
                        });
            }
        } finally {
            relearning = false;
        }
        log.info("sensing: the overflow forecaster relearnt {} manholes and gauges from {} stored readings in {} ms",
                sensors.size(), readings[0], (System.nanoTime() - started) / 1_000_000);
    }

    /** Newly issued rain nowcasts, used from the next reading on and kept for two days (so a restart keeps them). */
    void nowcasts(List<Nowcasts.Window> windows) {
        // one statement for the whole issue; a window issued again replaces its rain (the last of a repeat wins)
        jdbc.sql("""
                insert into sensing_nowcast (gauge_id, issued_at, valid_from, valid_to, rain_mm)
                select distinct on (g, i, f, t) g, to_timestamp(i), to_timestamp(f), to_timestamp(t), mm
                from unnest(:gauges::text[], :issued::bigint[], :from::bigint[], :to::bigint[], :mm::float8[])
                     with ordinality as w(g, i, f, t, mm, n)
                order by g, i, f, t, n desc
                on conflict (gauge_id, issued_at, valid_from, valid_to) do update set rain_mm = excluded.rain_mm""")
                .param("gauges", windows.stream().map(Nowcasts.Window::gaugeId).toArray(String[]::new))
                .param("issued", windows.stream().map(Nowcasts.Window::issuedAt).toArray(Long[]::new))
                .param("from", windows.stream().map(Nowcasts.Window::validFrom).toArray(Long[]::new))
                .param("to", windows.stream().map(Nowcasts.Window::validTo).toArray(Long[]::new))
                .param("mm", windows.stream().map(Nowcasts.Window::rainMm).toArray(Double[]::new)).update();
        jdbc.sql("delete from sensing_nowcast where issued_at < :before")
                .param("before", Timestamp.from(clock.instant().minus(NOWCASTS_KEPT))).update();
        nowcasts.add(windows);
    }

    /** Whether nowcasts are at hand for a gauge. */
    synchronized boolean nowcasted(String gaugeId) {
        loadNowcasts();
        return nowcasts.covers(gaugeId);
    }

    /** Once: the nowcasts kept from before a restart. */
    private void loadNowcasts() {
        if (nowcastsLoaded) {
            return;
        }
        nowcasts.add(jdbc.sql("""
                select gauge_id, issued_at, valid_from, valid_to, rain_mm from sensing_nowcast where issued_at >= :since""")
                .param("since", Timestamp.from(clock.instant().minus(NOWCASTS_KEPT)))
                .query((rs, n) -> new Nowcasts.Window(rs.getString(1), rs.getTimestamp(2).toInstant().getEpochSecond(),
                        rs.getTimestamp(3).toInstant().getEpochSecond(), rs.getTimestamp(4).toInstant().getEpochSecond(),
                        rs.getDouble(5))).list());
        nowcastsLoaded = true;
    }
}
