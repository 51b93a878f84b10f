package org.townbrain.cases;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.townbrain.platform.cluster.ClusterJobs;

/**
 * PIPL Art. 19, 47: a reporter's name and contact serve follow-up only; they are erased once a
 * case has been closed (or voided, or merged) for {@code townbrain.cases.contact-retention}, and
 * an agency-service applicant's once the request is done for as long. Nightly, on one instance of
 * the cluster; erasing twice erases nothing more.
 */
@Component
class ContactRetention {

    private static final Logger log = LoggerFactory.getLogger(ContactRetention.class);

    private final JdbcClient jdbc;
    private final CasesProperties properties;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final ClusterJobs jobs;

    ContactRetention(JdbcClient jdbc, CasesProperties properties, Clock clock, TransactionTemplate tx, ClusterJobs jobs) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
        this.tx = tx;
        this.jobs = jobs;
    }

    @Scheduled(cron = "${townbrain.cases.retention-cron:0 17 3 * * *}", zone = "${townbrain.zone}")
    void scheduled() {
        jobs.once("cases.contact-retention", Duration.ofDays(1), () -> {
            int erased = purge();
            if (erased > 0) {
                log.info("Erased the contact details of {} closed cases and completed service requests", erased);
            }
        });
    }

    /** Erases what is due, in one transaction of its own; returns how many records lost their contact. */
    int purge() {
        return tx.execute(status -> erase());
    }

    private int erase() {
        Timestamp before = Timestamp.from(clock.instant().minus(properties.contactRetention()));
        int cases = jdbc.sql("""
                update cases_case c set reporter_name = null, reporter_contact = null
                where (reporter_name is not null or reporter_contact is not null)
                  and c.state in ('CLOSED', 'VOIDED', 'MERGED')
                  and coalesce(c.closed_at, (select max(e.at) from cases_event e where e.case_id = c.id)) < :before""")
                .param("before", before).update();
        int requests = jdbc.sql("""
                update cases_service_request set applicant_name = null, applicant_contact = null
                where (applicant_name is not null or applicant_contact is not null) and state <> 'OPEN'
                  and updated_at < :before""").param("before", before).update();
        return cases + requests;
    }
}
