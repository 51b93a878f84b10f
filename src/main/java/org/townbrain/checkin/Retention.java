package org.townbrain.checkin;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps personal data no longer than necessary (PIPL Art. 19, 47): check-ins older than the
 * retention period are folded into anonymous daily counts and deleted, then visitor profiles
 * with no check-in left and not seen within the period (their phone ciphertext, index and
 * tokens) go too. Also checks out visitors who stayed past the configured stay.
 */
@Component("checkinRetention")
class Retention {

    private static final Logger log = LoggerFactory.getLogger(Retention.class);

    private final JdbcClient jdbc;
    private final CheckinProperties properties;
    private final Clock clock;

    Retention(JdbcClient jdbc, CheckinProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    /** What one purge removed. */
    record Purged(int checkins, int visitors) {
    }

    @Scheduled(cron = "${townbrain.checkin.purge-cron:0 17 3 * * *}", zone = "${townbrain.checkin.zone:Asia/Shanghai}")
    void nightly() {
        Purged purged = purge();
        log.info("Check-in retention: deleted {} check-ins and {} visitor profiles older than {}", purged.checkins(),
                purged.visitors(), properties.retention());
    }

    @Transactional
    Purged purge() {
        Timestamp cutoff = Timestamp.from(clock.instant().minus(properties.retention()));
        // one purge at a time across instances, or two could count the same rows before either deletes them
        jdbc.sql("select pg_advisory_xact_lock(hashtext('townbrain.checkin.retention'))").query(Object.class).single();
        jdbc.sql("""
                insert into checkin_daily_count (venue_id, day, checkins)
                select venue_id, (checked_in_at at time zone :zone)::date, count(*) from checkin_checkin
                where checked_in_at < :cutoff group by 1, 2
                on conflict (venue_id, day) do update set checkins = checkin_daily_count.checkins + excluded.checkins""")
                .param("zone", properties.zone().getId()).param("cutoff", cutoff).update();
        int checkins = jdbc.sql("delete from checkin_checkin where checked_in_at < :cutoff").param("cutoff", cutoff).update();
        int visitors = jdbc.sql("""
                delete from checkin_visitor v where v.last_seen_at < :cutoff
                and not exists (select 1 from checkin_checkin c where c.visitor_id = v.id)""")
                .param("cutoff", cutoff).update();
        return new Purged(checkins, visitors);
    }

    /** Closes check-ins whose stay ran past the limit, at the moment the limit was reached. */
    @Scheduled(fixedDelayString = "${townbrain.checkin.auto-checkout-every:5m}", initialDelayString = "1m")
    @Transactional
    int autoCheckout() {
        Instant limit = clock.instant().minus(properties.autoCheckoutAfter());
        return jdbc.sql("""
                update checkin_checkin set checked_out_at = checked_in_at + cast(:stay as interval), auto_checkout = true
                where checked_out_at is null and checked_in_at <= :limit""")
                .param("stay", properties.autoCheckoutAfter().toSeconds() + " seconds").param("limit", Timestamp.from(limit))
                .update();
    }
}
