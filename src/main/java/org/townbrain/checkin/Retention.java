package org.townbrain.checkin;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.townbrain.platform.cluster.ClusterJobs;

/**
 * Keeps personal data no longer than necessary (PIPL Art. 19, 47): check-ins older than the
 * retention period are folded into anonymous daily counts and deleted, then visitor profiles
 * with no check-in left and not seen within the period (their phone ciphertext, index and
 * tokens) go too. Also checks out visitors who stayed past the configured stay. Each job runs on
 * one instance of the cluster per period ({@link ClusterJobs}), and a second copy changes nothing:
 * a check-in is counted by the statement that deletes it, so it is counted once.
 */
@Component("checkinRetention")
class Retention {

    private static final Logger log = LoggerFactory.getLogger(Retention.class);

    private final JdbcClient jdbc;
    private final CheckinProperties properties;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final ClusterJobs jobs;
    private final Duration autoCheckoutEvery;

    Retention(JdbcClient jdbc, CheckinProperties properties, Clock clock, TransactionTemplate tx, ClusterJobs jobs,
            @Value("${townbrain.checkin.auto-checkout-every:5m}") Duration autoCheckoutEvery) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
        this.tx = tx;
        this.jobs = jobs;
        this.autoCheckoutEvery = autoCheckoutEvery;
    }

    /** What one purge removed. */
    record Purged(int checkins, int visitors) {
    }

    @Scheduled(cron = "${townbrain.checkin.purge-cron:0 17 3 * * *}", zone = "${townbrain.zone}")
    void nightly() {
        jobs.once("checkin.retention", Duration.ofDays(1), () -> {
            Purged purged = purge();
            log.info("Check-in retention: deleted {} check-ins and {} visitor profiles older than {}", purged.checkins(),
                    purged.visitors(), properties.retention());
        });
    }

    /** One purge, in a transaction of its own. */
    Purged purge() {
        return tx.execute(status -> purgeNow());
    }

    private Purged purgeNow() {
        Timestamp cutoff = Timestamp.from(clock.instant().minus(properties.retention()));
        // counted from the rows this statement deleted: a concurrent purge waits for those rows and then
        // finds them gone, so no check-in is counted twice (counting before deleting counted them once per purge)
        int checkins = jdbc.sql("""
                with gone as (delete from checkin_checkin where checked_in_at < :cutoff returning venue_id, checked_in_at),
                counted as (insert into checkin_daily_count (venue_id, day, checkins)
                    select venue_id, (checked_in_at at time zone :zone)::date, count(*) from gone group by 1, 2
                    on conflict (venue_id, day) do update set checkins = checkin_daily_count.checkins + excluded.checkins)
                select count(*) from gone""")
                .param("zone", clock.getZone().getId()).param("cutoff", cutoff).query(Integer.class).single();
        int visitors = jdbc.sql("""
                delete from checkin_visitor v where v.last_seen_at < :cutoff
                and not exists (select 1 from checkin_checkin c where c.visitor_id = v.id)""")
                .param("cutoff", cutoff).update();
        return new Purged(checkins, visitors);
    }

    /** Closes check-ins whose stay ran past the limit, at the moment the limit was reached. */
    @Scheduled(fixedDelayString = "${townbrain.checkin.auto-checkout-every:5m}", initialDelayString = "1m")
    void scheduledAutoCheckout() {
        jobs.once("checkin.auto-checkout", autoCheckoutEvery, this::autoCheckout);
    }

    /** Closes the overstayed check-ins now (one statement); returns how many. */
    int autoCheckout() {
        Instant limit = clock.instant().minus(properties.autoCheckoutAfter());
        return jdbc.sql("""
                update checkin_checkin set checked_out_at = checked_in_at + cast(:stay as interval), auto_checkout = true
                where checked_out_at is null and checked_in_at <= :limit""")
                .param("stay", properties.autoCheckoutAfter().toSeconds() + " seconds").param("limit", Timestamp.from(limit))
                .update();
    }
}
