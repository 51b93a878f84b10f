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

    Telemetry(TelemetryIngest ingest, List<Listener> listeners) {
        this.ingest = ingest;
        this.listeners = listeners;
    }

    TelemetryIngest.Report accept(List<TelemetryIngest.Incoming> rows, String deviceId, Scope scope) {
        List<Object> checked = ingest.check(rows, deviceId, scope);
        ingest.preparePartitions(checked);
        TelemetryIngest.Report report = ingest.store(checked);
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
        return report;
    }
}
