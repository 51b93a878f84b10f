package org.townbrain.sensing;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.townbrain.platform.cluster.ClusterJobs;

/**
 * The alarm sweep, once a minute on one instance of the cluster: clears quiet forecast alarms and
 * turns persisting alarms into cases ({@link Alarms#sweep()}, whose claims keep a second copy
 * harmless).
 */
@Component
class AlarmSweep {

    private final Alarms alarms;
    private final ClusterJobs jobs;
    private final Duration period;

    AlarmSweep(Alarms alarms, ClusterJobs jobs, @Value("${townbrain.sensing.alarm-sweep:60s}") Duration period) {
        this.alarms = alarms;
        this.jobs = jobs;
        this.period = period;
    }

    @Scheduled(fixedDelayString = "${townbrain.sensing.alarm-sweep:60s}")
    void scheduled() {
        jobs.once("sensing.alarm-sweep", period, alarms::sweep);
    }
}
