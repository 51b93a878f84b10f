package org.townbrain.cases;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
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
 * Watches the open 全程代办 steps: a reminder when a step has used the configured share of its
 * working time ({@code townbrain.cases.reminder-share}, as for cases), an overdue notice once its
 * deadline has passed. Each is marked on the request and published as {@link ServiceStepDue} in
 * the transaction that marks it, so it goes out once; completing the step clears both marks. One
 * instance of the cluster runs the pass each period ({@link ClusterJobs}); rows are claimed with
 * {@code FOR UPDATE SKIP LOCKED} should a second copy run anyway.
 */
@Component
class AgencyDeadlineWatch {

    private static final Logger log = LoggerFactory.getLogger(AgencyDeadlineWatch.class);

    private final JdbcClient jdbc;
    private final CalendarStore calendar;
    private final CasesProperties properties;
    private final AgencyServices services;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final ClusterJobs jobs;
    private final Duration period;

    AgencyDeadlineWatch(JdbcClient jdbc, CalendarStore calendar, CasesProperties properties, AgencyServices services,
            ApplicationEventPublisher events, Clock clock, TransactionTemplate tx, ClusterJobs jobs,
            @Value("${townbrain.cases.deadline-check:PT5M}") Duration period) {
        this.jdbc = jdbc;
        this.calendar = calendar;
        this.properties = properties;
        this.services = services;
        this.events = events;
        this.clock = clock;
        this.tx = tx;
        this.jobs = jobs;
        this.period = period;
    }

    @Scheduled(fixedDelayString = "${townbrain.cases.deadline-check:PT5M}",
            initialDelayString = "${townbrain.cases.deadline-first-check:PT1M}")
    void scheduled() {
        jobs.once("cases.agency-deadline-watch", period, () -> {
            int[] sent = check();
            if (sent[0] + sent[1] > 0) {
                log.info("Agency deadline watch: {} reminders, {} overdue notices", sent[0], sent[1]);
            }
        });
    }

    /** One pass in a transaction of its own; returns {reminders, overdue notices}. */
    int[] check() {
        return tx.execute(status -> pass(clock.instant()));
    }

    private int[] pass(Instant now) {
        WorkingCalendar working = calendar.calendar();
        Map<String, AgencyServices.Type> types = services.types().stream()
                .collect(Collectors.toMap(AgencyServices.Type::code, Function.identity()));
        record Due(long id, String code, String type, String town, int step, String assignee, Instant started,
                Instant deadline, boolean reminded) {
        }
        var due = jdbc.sql("""
                select id, tracking_code, type_code, town_code, step_index, assignee, step_started_at, step_deadline,
                  reminded_at is not null
                from cases_service_request
                where state = 'OPEN' and step_deadline is not null and overdue_at is null
                order by step_deadline limit 2000 for update skip locked""")
                .query((rs, n) -> new Due(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5),
                        rs.getString(6), rs.getTimestamp(7).toInstant(), rs.getTimestamp(8).toInstant(), rs.getBoolean(9)))
                .list();
        int reminders = 0;
        int overdue = 0;
        for (Due d : due) {
            AgencyServices.Type type = types.get(d.type());
            String service = type == null ? d.type() : type.name();
            String step = type == null || d.step() >= type.steps().size() ? "" : type.steps().get(d.step());
            if (now.isAfter(d.deadline())) {
                jdbc.sql("update cases_service_request set overdue_at = :now, reminded_at = coalesce(reminded_at, :now) where id = :id")
                        .param("now", Timestamp.from(now)).param("id", d.id()).update();
                events.publishEvent(new ServiceStepDue(d.id(), d.code(), d.town(), service, step, d.assignee(), "OVERDUE",
                        d.deadline()));
                overdue++;
            } else if (!d.reminded()) {
                long total = working.workingMinutesBetween(d.started(), d.deadline());
                long used = working.workingMinutesBetween(d.started(), now);
                if (total > 0 && used >= properties.reminderShare() * total) {
                    jdbc.sql("update cases_service_request set reminded_at = :now where id = :id")
                            .param("now", Timestamp.from(now)).param("id", d.id()).update();
                    events.publishEvent(new ServiceStepDue(d.id(), d.code(), d.town(), service, step, d.assignee(),
                            "REMINDER", d.deadline()));
                    reminders++;
                }
            }
        }
        return new int[] {reminders, overdue};
    }
}
