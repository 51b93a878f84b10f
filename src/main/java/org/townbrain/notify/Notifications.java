package org.townbrain.notify;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.townbrain.platform.cluster.ClusterJobs;
import org.townbrain.platform.errors.ConflictException;

/**
 * The notify module's API: {@link #send(Notice)} queues the notice for everyone on the duty
 * roster for its town (and severity), in the caller's transaction if there is one, and delivers
 * at once in the background (after that transaction commits); failed
 * deliveries are retried with exponential back-off (30 s, 1, 2, 4, 8 min) and then marked
 * failed. Every attempt is in the delivery log. The retry poll runs on one instance of the cluster
 * per period ({@link ClusterJobs}); a delivery is claimed with {@code FOR UPDATE SKIP LOCKED}, so
 * the immediate deliveries of every instance and the poll never send one twice.
 */
@Service
public class Notifications {

    static final int MAX_ATTEMPTS = 6;
    private static final Logger log = LoggerFactory.getLogger(Notifications.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Map<ChannelKind, Channel> channels;
    private final Clock clock;
    private final ClusterJobs jobs;
    private final Duration poll;
    private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();

    Notifications(JdbcClient jdbc, TransactionTemplate tx, List<Channel> channels, Clock clock, ClusterJobs jobs,
            @Value("${townbrain.notify.retry-poll:15s}") Duration poll) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.channels = channels.stream().collect(Collectors.toMap(Channel::kind, Function.identity()));
        this.clock = clock;
        this.jobs = jobs;
        this.poll = poll;
    }

    /** Queues the notice for the roster; returns how many deliveries were queued. */
    public int send(Notice notice) {
        Timestamp now = Timestamp.from(clock.instant());
        Integer queued = tx.execute(status -> jdbc.sql("""
                insert into notify_delivery (roster_id, channel, target_shown, town_code, severity, title, body, reference,
                    status, next_attempt_at, created_at)
                select r.id, r.channel, r.name, :town, :severity, :title, :body, :reference, 'PENDING', :now, :now
                from notify_roster r
                where r.active and (r.town_code is null or r.town_code = :town) and r.min_severity <= :severity""")
                .param("town", notice.townCode()).param("severity", notice.severity()).param("title", notice.title())
                .param("body", notice.text()).param("reference", notice.reference()).param("now", now).update());
        if (queued != null && queued > 0) {
            deliverAfterCommit();
        }
        return queued == null ? 0 : queued;
    }

    /** Queues a test message to one roster entry, so the duty office sees that its robot or phone works. */
    long sendTest(long rosterId, String title, String text) {
        Timestamp now = Timestamp.from(clock.instant());
        Long id = tx.execute(status -> jdbc.sql("""
                insert into notify_delivery (roster_id, channel, target_shown, town_code, severity, title, body, reference,
                    status, next_attempt_at, created_at)
                select r.id, r.channel, r.name, r.town_code, 0, :title, :body, 'test:' || r.id, 'PENDING', :now, :now
                from notify_roster r where r.id = :id and r.active
                returning id""")
                .param("id", rosterId).param("title", title).param("body", text).param("now", now)
                .query(Long.class).optional().orElse(null));
        if (id == null) {
            throw new ConflictException("这个接收人已停用 / this recipient is no longer active");
        }
        background.submit(this::deliverDue);
        return id;
    }

    /**
     * Delivers soon, but not before the caller's transaction (if there is one) has committed the
     * notice: a delivery started earlier would not see it and leave it to the next poll.
     */
    private void deliverAfterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    deliverSoon();
                }
            });
        } else {
            deliverSoon();
        }
    }

    /** Delivers what is due in the background, now rather than at the next poll. */
    void deliverSoon() {
        background.submit(this::deliverDue);
    }

    /** The retry poll: every 15 seconds, on one instance of the cluster. */
    @Scheduled(fixedDelayString = "${townbrain.notify.retry-poll:15s}")
    void poll() {
        jobs.once("notify.retries", poll, this::deliverDue);
    }

    /** Delivers what is due; after each send, and from the retry poll. */
    public void deliverDue() {
        for (int i = 0; i < 100; i++) {
            Boolean more = tx.execute(status -> deliverOne());
            if (!Boolean.TRUE.equals(more)) {
                return;
            }
        }
    }

    private record Due(long id, String channel, String target, String secret, String title, String body,
            String reference, int attempts) {
    }

    private boolean deliverOne() {
        Instant now = clock.instant();
        List<Due> due = jdbc.sql("""
                select d.id, d.channel, r.target, r.secret, d.title, d.body, d.reference, d.attempts
                from notify_delivery d left join notify_roster r on r.id = d.roster_id
                where d.status = 'PENDING' and d.next_attempt_at <= :now
                order by d.next_attempt_at limit 1 for update of d skip locked""")
                .param("now", Timestamp.from(now))
                .query((rs, n) -> new Due(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getInt(8))).list();
        if (due.isEmpty()) {
            return false;
        }
        Due d = due.get(0);
        int attempts = d.attempts() + 1;
        try {
            Channel channel = channels.get(ChannelKind.valueOf(d.channel()));
            if (d.target() == null || channel == null) {
                throw new IllegalStateException("roster entry or channel gone");
            }
            channel.deliver(d.target(), d.secret(), new Message(d.title(), d.body(), d.reference()));
            jdbc.sql("update notify_delivery set status = 'SENT', attempts = :a, sent_at = :now, last_error = null where id = :id")
                    .param("a", attempts).param("now", Timestamp.from(clock.instant())).param("id", d.id()).update();
        } catch (Exception e) {
            boolean giveUp = attempts >= MAX_ATTEMPTS;
            Duration backOff = Duration.ofSeconds(30L << Math.min(attempts - 1, 10));
            String error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": "
                    + e.getMessage().substring(0, Math.min(200, e.getMessage().length())));
            jdbc.sql("""
                    update notify_delivery set status = :s, attempts = :a, next_attempt_at = :next, last_error = :e
                    where id = :id""")
                    .param("s", giveUp ? "FAILED" : "PENDING").param("a", attempts)
                    .param("next", giveUp ? null : Timestamp.from(now.plus(backOff))).param("e", error)
                    .param("id", d.id()).update();
            log.warn("notify: delivery {} over {} failed (attempt {}): {}", d.id(), d.channel(), attempts, error);
        }
        return true;
    }
}
