package org.townbrain.checkin;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.townbrain.support.IntegrationTest;

/**
 * What two instances on one database do when they act at the same moment (two threads here,
 * each with its own connection): the same visitor's scans make one visit, and two retention
 * purges count each purged check-in once.
 */
@IntegrationTest
class CheckinJobsTwiceTests {

    private static final String MEICHENG = "330182104";

    @Autowired JdbcClient jdbc;
    @Autowired Checkins checkins;
    @Autowired ReturningCheckins returning;
    @Autowired Venues venues;
    @Autowired Retention retention;
    @Autowired CheckinProperties properties;
    @Autowired Clock clock;

    @Test
    void aVisitorScanningThroughTwoInstancesAtOnceHasOneOpenVisit() throws Exception {
        // a second instance's writer on the same database (not started: it writes each check-in at once)
        ReturningCheckins other = new ReturningCheckins(jdbc, properties, clock);
        List<Long> venueIds = new ArrayList<>();
        for (int round = 0; round < 100; round++) {
            Venue venue = venues.open(venue("双实例场所 " + round)).orElseThrow();
            venueIds.add(venue.id());
            String token = visitor();
            List<Object> answers = atOnce(
                    () -> returning.checkIn(new VenueCode(venue.code()), token).orElseThrow().checkinId(),
                    round % 2 == 0
                            ? () -> other.checkIn(new VenueCode(venue.code()), token).orElseThrow().checkinId()
                            : () -> checkins.checkIn(venue, new Checkins.Request(null, false, token)).checkinId());
            assertThat(answers.get(0)).as("round %d: both scans answered with the one visit", round).isEqualTo(answers.get(1));
        }
        assertThat(jdbc.sql("""
                select count(*) from checkin_checkin where venue_id in (:v) and checked_out_at is null
                group by venue_id having count(*) > 1""").param("v", venueIds).query(Long.class).list())
                .as("venues with two open visits of one visitor").isEmpty();
    }

    @Test
    void aVisitorStillCheckedInFromBeforeTheWindowGetsANewVisitAndTheOldOneEnds() {
        Venue venue = venues.open(venue("旧访问场所")).orElseThrow();
        String token = visitor();
        long first = returning.checkIn(new VenueCode(venue.code()), token).orElseThrow().checkinId();
        jdbc.sql("update checkin_checkin set checked_in_at = :t where id = :id")
                .param("t", Timestamp.from(Instant.now().minus(properties.sameVisitWindow()).minus(10, ChronoUnit.MINUTES)))
                .param("id", first).update();

        Checkins.Returning again = returning.checkIn(new VenueCode(venue.code()), token).orElseThrow();

        assertThat(again.sameVisit()).isFalse();
        assertThat(again.checkinId()).isNotEqualTo(first);
        assertThat(jdbc.sql("select checked_out_at is not null from checkin_checkin where id = :id").param("id", first)
                .query(Boolean.class).single()).isTrue();
        // and through the other path, once more past the window
        jdbc.sql("update checkin_checkin set checked_in_at = :t where id = :id")
                .param("t", Timestamp.from(Instant.now().minus(properties.sameVisitWindow()).minus(5, ChronoUnit.MINUTES)))
                .param("id", again.checkinId()).update();
        Checkins.Result third = checkins.checkIn(venue, new Checkins.Request(null, false, token));
        assertThat(third.sameVisit()).isFalse();
        assertThat(jdbc.sql("select count(*) from checkin_checkin where venue_id = :v and checked_out_at is null")
                .param("v", venue.id()).query(Long.class).single()).isOne();
    }

    @Test
    void twoNightlyPurgesAtOnceCountEachPurgedCheckinOnce() throws Exception {
        Venue venue = venues.open(venue("双清理场所")).orElseThrow();
        Instant longAgo = Instant.now().minus(properties.retention()).minus(2, ChronoUnit.DAYS);
        long expected = 0;
        for (int round = 0; round < 10; round++) {
            oldCheckins(venue, 20, longAgo.plusSeconds(round * 60L));
            expected += 20;
            releaseJobs();
            atOnce(() -> {
                retention.nightly();
                return null;
            }, () -> {
                retention.nightly();
                return null;
            });
            assertThat(counted(venue)).as("after round %d", round).isEqualTo(expected);
        }

        // the job lock aside, two purges at once still count each check-in once
        for (int round = 0; round < 10; round++) {
            oldCheckins(venue, 20, longAgo.plusSeconds(round * 60L));
            expected += 20;
            atOnce(() -> retention.purge(), () -> retention.purge());
            assertThat(counted(venue)).as("after round %d", round).isEqualTo(expected);
        }
        releaseJobs();
    }

    private long counted(Venue venue) {
        return jdbc.sql("select coalesce(sum(checkins), 0) from checkin_daily_count where venue_id = :v").param("v", venue.id())
                .query(Long.class).single();
    }

    private void oldCheckins(Venue venue, int count, Instant at) {
        for (int i = 0; i < count; i++) {
            long visitor = jdbc.sql("""
                    insert into checkin_visitor (created_at, last_seen_at) values (:t, :t) returning id""")
                    .param("t", Timestamp.from(at)).query(Long.class).single();
            jdbc.sql("insert into checkin_checkin (venue_id, visitor_id, checked_in_at) values (:v, :p, :t)")
                    .param("v", venue.id()).param("p", visitor).param("t", Timestamp.from(at.plusSeconds(i))).update();
        }
    }

    /** As if the job's period had passed: the next scheduled run may take it again. */
    private void releaseJobs() {
        jdbc.sql("update platform_job_lock set lock_until = locked_at").update();
    }

    private String venue(String name) {
        String code = VenueCode.random().value();
        jdbc.sql("""
                insert into checkin_venue (code, name, type, town_code, created_at) values (:c, :n, 'GATE', :t, now())""")
                .param("c", code).param("n", name).param("t", MEICHENG).update();
        return code;
    }

    /** A returning visitor: their token. */
    private String visitor() {
        VisitorToken token = VisitorToken.random();
        long id = jdbc.sql("insert into checkin_visitor (created_at, last_seen_at) values (now(), now()) returning id")
                .query(Long.class).single();
        jdbc.sql("insert into checkin_visitor_token (token_hash, visitor_id, created_at) values (:h, :v, now())")
                .param("h", token.hash()).param("v", id).update();
        return token.value();
    }

    private static List<Object> atOnce(Callable<?> first, Callable<?> second) throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        try (ExecutorService two = Executors.newFixedThreadPool(2)) {
            List<Future<?>> runs = new ArrayList<>();
            for (Callable<?> job : List.of(first, second)) {
                runs.add(two.submit(() -> {
                    start.await();
                    return job.call();
                }));
            }
            List<Object> answers = new ArrayList<>();
            for (Future<?> run : runs) {
                answers.add(run.get());
            }
            return answers;
        }
    }
}
