package org.townbrain.sensing;

import java.util.List;
import org.springframework.stereotype.Service;
import org.townbrain.platform.scope.Scope;

/**
 * The one way readings come in (HTTP batch, CSV, MQTT): check each row, create the partitions
 * the rows need, store in one transaction, and only then hand the new readings to the alarm
 * rules and the forecaster, so nothing is acknowledged or alarmed before it is committed.
 */
@Service
class Telemetry {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Telemetry.class);

    /** Told about readings after they are committed. */
    interface Listener {
        void stored(List<TelemetryIngest.Stored> readings);
    }

    private final TelemetryIngest ingest;
    private final List<Listener> listeners;
    private final io.micrometer.core.instrument.Timer checkTimer;
    private final io.micrometer.core.instrument.Timer storeTimer;
    private final io.micrometer.core.instrument.Timer listenTimer;

    Telemetry(TelemetryIngest ingest, List<Listener> listeners, io.micrometer.core.instrument.MeterRegistry meters) {
        this.ingest = ingest;
        this.listeners = listeners;
        this.checkTimer = meters.timer("townbrain.sensing.ingest", "phase", "check");
        this.storeTimer = meters.timer("townbrain.sensing.ingest", "phase", "store");
        this.listenTimer = meters.timer("townbrain.sensing.ingest", "phase", "rules");
    }

    TelemetryIngest.Report accept(List<TelemetryIngest.Incoming> rows, String deviceId, Scope scope) {
        long t0 = System.nanoTime();
        List<Object> checked = ingest.check(rows, deviceId, scope);
        long t1 = System.nanoTime();
        checkTimer.record(t1 - t0, java.util.concurrent.TimeUnit.NANOSECONDS);
        ingest.preparePartitions(checked);
        TelemetryIngest.Report report;
        try {
            report = ingest.store(checked);
        } catch (org.springframework.dao.DuplicateKeyException alreadyStored) {
            // a retried or overlapping batch: nothing of it was written, so store it row by row
            report = ingest.storeCarefully(checked);
        }
        long t2 = System.nanoTime();
        storeTimer.record(t2 - t1, java.util.concurrent.TimeUnit.NANOSECONDS);
        try {
            notifyListeners(report);
        } finally {
            listenTimer.record(System.nanoTime() - t2, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
        return report;
    }

    private void notifyListeners(TelemetryIngest.Report report) {
        if (!report.storedRows().isEmpty()) {
            for (Listener listener : listeners) {
                try {
                    listener.stored(report.storedRows());
                } catch (RuntimeException e) {
                    // the readings are committed and acknowledged whatever a listener does
                    log.error("sensing: {} failed on {} readings", listener.getClass().getSimpleName(),
                            report.storedRows().size(), e);
                }
            }
        }
    }
}
