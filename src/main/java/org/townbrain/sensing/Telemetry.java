package org.townbrain.sensing;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.townbrain.platform.scope.Scope;

/**
 * The one way readings come in (HTTP batch, CSV, MQTT): check each row, create the partitions
 * the rows need, store in one transaction, and answer once that committed. The roll-ups, alarm
 * rules and forecaster follow in the background ({@link ReadingDigest}), on committed readings
 * only, so nothing is acknowledged or alarmed before it is committed.
 */
@Service
class Telemetry {

    /**
     * Told about committed readings by the {@link ReadingDigest}: in batches, in about the order
     * they were committed, each reading once, inside the digest's transaction (what a listener
     * writes commits with it, or is done again after a failure). One thread: a listener that
     * waits on anything outside the database holds up every alarm.
     */
    interface Listener {
        void stored(List<TelemetryIngest.Stored> readings);

        /** The digest's transaction was rolled back: forget what the last readings taught, they come again. */
        default void rolledBack() {
        }
    }

    private final TelemetryIngest ingest;
    private final ReadingDigest digest;
    /** The Kafka ingest log when one is configured, else null: readings are stored here. */
    private final KafkaReadingLog log;
    private final Timer checkTimer;
    private final Timer storeTimer;

    Telemetry(TelemetryIngest ingest, ReadingDigest digest, MeterRegistry meters,
            org.springframework.beans.factory.ObjectProvider<KafkaReadingLog> log) {
        this.ingest = ingest;
        this.digest = digest;
        this.log = log.getIfAvailable();
        this.checkTimer = meters.timer("townbrain.sensing.ingest", "phase", "check");
        this.storeTimer = meters.timer("townbrain.sensing.ingest", "phase", "store");
    }

    TelemetryIngest.Report accept(List<TelemetryIngest.Incoming> rows, String deviceId, Scope scope) {
        long t0 = System.nanoTime();
        List<Object> checked = ingest.check(rows, deviceId, scope);
        long t1 = System.nanoTime();
        checkTimer.record(t1 - t0, TimeUnit.NANOSECONDS);
        TelemetryIngest.Report report;
        if (log != null) {
            // acknowledged once the broker has it; the log's consumer stores it (store below)
            report = log.append(checked);
            storeTimer.record(System.nanoTime() - t1, TimeUnit.NANOSECONDS);
            return report;
        }
        report = store(checked);
        storeTimer.record(System.nanoTime() - t1, TimeUnit.NANOSECONDS);
        return report;
    }

    /**
     * Stores checked rows (skipping those stored before) and hands what was new to the digest:
     * for rows that came in here, and for rows the Kafka log's consumer read.
     */
    TelemetryIngest.Report store(List<Object> checked) {
        ingest.preparePartitions(checked);
        TelemetryIngest.Report report;
        try {
            report = ingest.store(checked);
        } catch (DuplicateKeyException alreadyStored) {
            // a retried or overlapping batch: nothing of it was written, so store it row by row
            report = ingest.storeCarefully(checked);
        }
        if (report.receivedAt() != null) {
            digest.committed(new ReadingDigest.Batch(report.receivedAt(), report.storedRows()));
        }
        return report;
    }
}
