package org.townbrain.sensing;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.townbrain.platform.cluster.ClusterJobs;

/**
 * The work that follows committed readings, kept off the acknowledged path: hourly roll-ups, the
 * devices' last values, alarm rules, the forecaster and the live map (the
 * {@linkplain Telemetry.Listener listeners}). One background thread does it, in batches as large
 * as have piled up since it last looked, so it gets cheaper per reading as the load grows.
 * <p>
 * Ingest hands each committed batch over in memory. What is still to do is recorded durably in
 * {@code sensing_reading_pending}, one row per batch written with its readings; the digest
 * deletes a batch's row in the transaction that does the batch's work, and does the work only
 * for the rows it deleted, so a batch is never digested twice. It reads the table back to catch
 * up at start-up (batches a crash or {@code kill -9} left behind), when the memory queue was
 * full, and after a failure.
 * <p>
 * With several instances, a batch is digested by the instance that took it in, so its rules,
 * forecaster and live map see it. Every {@link #SWEEP}, one instance of the cluster
 * ({@link ClusterJobs}) also digests batches left pending for longer than {@link #ORPHANED_AFTER}
 * — an instance that died, or fell that far behind — and never a batch another instance is
 * about to digest.
 */
@Component
class ReadingDigest implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ReadingDigest.class);

    /** Readings held in memory at most; past that, batches are left to the catch-up from the database. */
    static final int QUEUE_LIMIT = 500_000;
    /** Readings digested in one transaction at most. */
    static final int CHUNK = 50_000;
    /** How often the cluster looks for batches left in the table (a failed digest, an instance gone). */
    static final Duration SWEEP = Duration.ofSeconds(30);
    /** A batch pending this long is no longer being digested by the instance that took it in. */
    static final Duration ORPHANED_AFTER = Duration.ofMinutes(1);
    private static final Duration MAX_BACK_OFF = Duration.ofMinutes(1);

    /** A committed batch: its received time (the key of its pending row) and its newly stored readings. */
    record Batch(Instant receivedAt, List<TelemetryIngest.Stored> readings) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final List<Telemetry.Listener> listeners;
    private final Timer timer;
    private final ClusterJobs jobs;
    private final Clock clock;
    /** When the worker last swept for orphaned batches; the worker's alone. */
    private Instant swept = Instant.EPOCH;
    private final BlockingQueue<Batch> queue = new LinkedBlockingQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    /** Set when there may be pending batches that are not in the memory queue. */
    private final AtomicBoolean behind = new AtomicBoolean();
    /** Batches that failed on their own, left alone until the next sweep; the worker's alone. */
    private final Set<Instant> skipped = new HashSet<>();
    private volatile boolean running;
    private Thread worker;

    ReadingDigest(JdbcClient jdbc, TransactionTemplate tx, List<Telemetry.Listener> listeners, MeterRegistry meters,
            ClusterJobs jobs, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.listeners = listeners;
        this.jobs = jobs;
        this.clock = clock;
        this.timer = meters.timer("townbrain.sensing.ingest", "phase", "digest");
    }

    /** Takes a batch whose readings and pending row have just been committed. */
    void committed(Batch batch) {
        if (batch.readings().isEmpty()) {
            return;
        }
        if (queued.addAndGet(batch.readings().size()) > QUEUE_LIMIT) {
            // the pending row has it: the catch-up reads it back once the queue is worked off
            queued.addAndGet(-batch.readings().size());
            behind.set(true);
            return;
        }
        queue.add(batch);
    }

    @Override
    public synchronized void start() {
        running = true;
        behind.set(true); // whatever an earlier run left pending
        worker = Thread.ofPlatform().daemon().name("sensing-digest").start(this::work);
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (worker != null) {
            worker.interrupt();
            try {
                worker.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            worker = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void work() {
        int failures = 0;
        while (running) {
            try {
                if (behind.getAndSet(false)) {
                    catchUp(failures > 0);
                }
                if (!clock.instant().isBefore(swept.plus(SWEEP))) {
                    swept = clock.instant();
                    skipped.clear();
                    sweep();
                }
                Batch first = queue.poll(SWEEP.toSeconds(), TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                List<Batch> chunk = new ArrayList<>(List.of(first));
                int readings = first.readings().size();
                for (Batch next = queue.peek(); next != null && readings + next.readings().size() <= CHUNK; next = queue.peek()) {
                    chunk.add(queue.poll());
                    readings += next.readings().size();
                }
                queued.addAndGet(-readings);
                digest(chunk);
                failures = 0;
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // nothing of the failed chunk was committed: its batches are still pending, so catch up, one by one
                failures++;
                log.error("sensing: digesting readings failed (attempt {}); retrying from the pending batches", failures, e);
                listeners.forEach(Telemetry.Listener::rolledBack);
                behind.set(true);
                try {
                    Thread.sleep(Math.min(1000L << Math.min(failures - 1, 6), MAX_BACK_OFF.toMillis()));
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }
    }

    /** Digests the batches pending for longer than {@link #ORPHANED_AFTER}, unless another instance did within the period. */
    void sweep() {
        jobs.once("sensing.digest-sweep", SWEEP, () -> catchUp(false, clock.instant().minus(ORPHANED_AFTER)));
    }

    /** Digests every pending batch: after a start, a full queue or a failure of this instance. */
    void catchUp(boolean oneByOne) {
        catchUp(oneByOne, null);
    }

    /**
     * Digests the pending batches from the database (received before {@code before}, if given),
     * oldest first, until none is left. After a
     * failure it goes {@code oneByOne}, and a batch that fails on its own is skipped until the
     * next sweep, so one bad batch cannot hold up the others.
     */
    private void catchUp(boolean oneByOne, Instant before) {
        int batches = 0;
        for (List<Batch> chunk = pendingChunk(oneByOne ? 1 : CHUNK, before); !chunk.isEmpty();
                chunk = pendingChunk(oneByOne ? 1 : CHUNK, before)) {
            batches += chunk.size();
            if (!oneByOne) {
                digest(chunk);
                continue;
            }
            try {
                digest(chunk);
            } catch (RuntimeException e) {
                log.error("sensing: the batch received at {} cannot be digested; skipped until the next sweep",
                        chunk.getFirst().receivedAt(), e);
                listeners.forEach(Telemetry.Listener::rolledBack);
                skipped.add(chunk.getFirst().receivedAt());
            }
        }
        if (batches > 0) {
            log.info("sensing: caught up on {} committed batches of readings that had not been digested", batches);
        }
    }

    private record Pending(Instant receivedAt, int readings) {
    }

    /** The oldest pending batches, up to {@code maxReadings} (at least one), with their readings read back. */
    private List<Batch> pendingChunk(int maxReadings, Instant before) {
        List<Instant> keys = new ArrayList<>();
        int readings = 0;
        for (Pending p : jdbc.sql("""
                        select received_at, readings from sensing_reading_pending where not (received_at = any(:skipped))
                          and (cast(:before as timestamptz) is null or received_at < :before)
                        order by received_at limit 1000""")
                .param("skipped", skipped.stream().map(Timestamp::from).toArray(Timestamp[]::new))
                .param("before", before == null ? null : Timestamp.from(before))
                .query((rs, n) -> new Pending(rs.getTimestamp(1).toInstant(), rs.getInt(2))).list()) {
            if (!keys.isEmpty() && readings + p.readings() > maxReadings) {
                break;
            }
            keys.add(p.receivedAt());
            readings += p.readings();
        }
        if (keys.isEmpty()) {
            return List.of();
        }
        Map<Instant, List<TelemetryIngest.Stored>> byBatch = new LinkedHashMap<>();
        keys.forEach(k -> byBatch.put(k, new ArrayList<>()));
        jdbc.sql("select sensor_id, observed_at, value, received_at from sensing_reading where received_at = any(:keys)")
                .param("keys", keys.stream().map(Timestamp::from).toArray(Timestamp[]::new))
                .query((rs, n) -> new TelemetryIngest.Stored(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getDouble(3),
                        rs.getTimestamp(4).toInstant()))
                .list().forEach(r -> byBatch.get(r.receivedAt()).add(r));
        return byBatch.entrySet().stream().map(e -> new Batch(e.getKey(), e.getValue())).toList();
    }

    /**
     * In one transaction: claims the batches (deletes their pending rows; one another digest
     * claimed first is skipped) and hands the claimed readings to every listener.
     */
    private void digest(List<Batch> chunk) {
        long start = System.nanoTime();
        tx.executeWithoutResult(status -> {
            Set<Instant> claimed = new HashSet<>(jdbc.sql("delete from sensing_reading_pending where received_at = any(:keys) returning received_at")
                    .param("keys", chunk.stream().map(b -> Timestamp.from(b.receivedAt())).toArray(Timestamp[]::new))
                    .query((rs, n) -> rs.getTimestamp(1).toInstant()).list());
            List<TelemetryIngest.Stored> readings = new ArrayList<>();
            for (Batch b : chunk) {
                if (claimed.contains(b.receivedAt())) {
                    readings.addAll(b.readings());
                }
            }
            if (!readings.isEmpty()) {
                for (Telemetry.Listener listener : listeners) {
                    listener.stored(readings);
                }
            }
        });
        timer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }
}
