package org.townbrain.cases;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.townbrain.platform.cluster.ClusterJobs;

/**
 * The time-limit steps: a reminder (催办) when a dispatched case has used the configured share of
 * its working time, escalation (督办) once it is overdue, and a notice (通报) to the level above
 * when it stays overdue for as long again as its whole limit. Each step is recorded on the case once
 * and published as {@link CaseOverdue} for the notification channels, in the transaction that
 * records it (the event publication registry needs one: without it the notice was never sent).
 * One instance of the cluster runs the pass each period ({@link ClusterJobs}); should a second copy
 * run anyway, rows are claimed with {@code FOR UPDATE SKIP LOCKED} and a step already recorded is
 * never taken again.
 */
@Component
class DeadlineWatch {

    private static final Logger log = LoggerFactory.getLogger(DeadlineWatch.class);

    private final JdbcClient jdbc;
    private final CaseRepository cases;
    private final CalendarStore calendar;
    private final CasesProperties properties;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final ClusterJobs jobs;
    private final Duration period;

    DeadlineWatch(JdbcClient jdbc, CaseRepository cases, CalendarStore calendar, CasesProperties properties,
            ApplicationEventPublisher events, Clock clock, TransactionTemplate tx, ClusterJobs jobs,
            @Value("${townbrain.cases.deadline-check:PT5M}") Duration period) {
        this.jdbc = jdbc;
        this.cases = cases;
        this.calendar = calendar;
        this.properties = properties;
        this.events = events;
        this.clock = clock;
        this.tx = tx;
        this.jobs = jobs;
        this.period = period;
    }

    @Scheduled(fixedDelayString = "${townbrain.cases.deadline-check:PT5M}",
            initialDelayString = "${townbrain.cases.deadline-first-check:PT1M}")
    void scheduled() {
        jobs.once("cases.deadline-watch", period, () -> {
            int[] steps = check();
            if (steps[0] + steps[1] + steps[2] > 0) {
                log.info("Deadline watch: {} reminders, {} escalations, {} notices", steps[0], steps[1], steps[2]);
            }
        });
    }

    /** Runs one pass in a transaction of its own; returns {reminders, escalations, notices}. */
    int[] check() {
        return tx.execute(status -> pass());
    }

    private int[] pass() {
        Instant now = clock.instant();
        WorkingCalendar working = calendar.calendar();
        record Due(long id, String ref, String town, String unit, String state, Instant dispatched, Instant deadline,
                boolean reminded) {
        }
        var due = jdbc.sql("""
                select id, ref, town_code, unit, state, dispatched_at, deadline, reminded_at is not null
                from cases_case
                where state in ('DISPATCHED', 'IN_PROGRESS') and escalated_at is null and deadline is not null
                  and dispatched_at is not null
                order by deadline limit 2000 for update skip locked""")
                .query((rs, n) -> new Due(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getTimestamp(6).toInstant(), rs.getTimestamp(7).toInstant(), rs.getBoolean(8)))
                .list();
        int reminders = 0;
        int escalations = 0;
        for (Due d : due) {
            if (now.isAfter(d.deadline())) {
                jdbc.sql("update cases_case set escalated_at = :now, reminded_at = coalesce(reminded_at, :now) where id = :id")
                        .param("now", Timestamp.from(now)).param("id", d.id()).update();
                cases.append(d.id(), "ESCALATED", "system", CaseState.valueOf(d.state()), null, now);
                events.publishEvent(new CaseOverdue(d.id(), d.ref(), d.town(), d.unit(), "ESCALATION", d.deadline()));
                escalations++;
            } else if (!d.reminded()) {
                long total = working.workingMinutesBetween(d.dispatched(), d.deadline());
                long used = working.workingMinutesBetween(d.dispatched(), now);
                if (total > 0 && used >= properties.reminderShare() * total) {
                    jdbc.sql("update cases_case set reminded_at = :now where id = :id")
                            .param("now", Timestamp.from(now)).param("id", d.id()).update();
                    cases.append(d.id(), "REMINDED", "system", CaseState.valueOf(d.state()), null, now);
                    events.publishEvent(new CaseOverdue(d.id(), d.ref(), d.town(), d.unit(), "REMINDER", d.deadline()));
                    reminders++;
                }
            }
        }
        int notices = 0;
        var late = jdbc.sql("""
                select id, ref, town_code, unit, state, deadline from cases_case
                where state in ('DISPATCHED', 'IN_PROGRESS') and escalated_at is not null and noticed_at is null
                  and dispatched_at is not null and :now > deadline + (deadline - dispatched_at)
                order by deadline limit 2000 for update skip locked""")
                .param("now", Timestamp.from(now))
                .query((rs, n) -> new Due(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), null, rs.getTimestamp(6).toInstant(), true)).list();
        for (Due d : late) {
            jdbc.sql("update cases_case set noticed_at = :now where id = :id").param("now", Timestamp.from(now))
                    .param("id", d.id()).update();
            cases.append(d.id(), "NOTICED", "system", CaseState.valueOf(d.state()), null, now);
            events.publishEvent(new CaseOverdue(d.id(), d.ref(), d.town(), d.unit(), "NOTICE", d.deadline()));
            notices++;
        }
        return new int[] {reminders, escalations, notices};
    }
}
