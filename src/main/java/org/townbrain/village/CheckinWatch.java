package org.townbrain.village;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Looks for missed daily check-ins of watched elders every few minutes. */
@Component
class CheckinWatch {

    private static final Logger log = LoggerFactory.getLogger(CheckinWatch.class);

    private final VillageWork work;

    CheckinWatch(VillageWork work) {
        this.work = work;
    }

    @Scheduled(fixedDelayString = "${townbrain.village.checkin-watch:PT10M}", initialDelayString = "${townbrain.village.checkin-watch:PT10M}")
    void run() {
        int cases = work.requestVisitsForMissedCheckins();
        if (cases > 0) {
            log.info("Asked for {} home visits for missed check-ins", cases);
        }
    }
}
