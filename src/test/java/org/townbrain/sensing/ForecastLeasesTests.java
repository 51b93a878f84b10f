package org.townbrain.sensing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.townbrain.support.IntegrationTest;

/**
 * Two forecaster instances on one database share the catchments: each is owned by exactly one;
 * when one dies (stops renewing) the other owns all of them within the lease time; when one
 * stops gracefully the other takes its catchments at once.
 */
@IntegrationTest
class ForecastLeasesTests {

    private static final Duration LEASE = Duration.ofSeconds(2);
    private static final Duration HEARTBEAT = Duration.ofMillis(300);

    @Autowired
    JdbcClient jdbc;

    ForecastLeases a;
    ForecastLeases b;
    ScheduledExecutorService beatsOfA = Executors.newSingleThreadScheduledExecutor();
    ScheduledExecutorService beatsOfB = Executors.newSingleThreadScheduledExecutor();

    @BeforeEach
    void twoInstances() {
        for (int i = 0; i < 6; i++) {
            jdbc.sql("""
                    insert into sensing_device (id, kind, town_code, name, lat, lon, rim_level_m, token_hash, token_prefix, created_at)
                    values (:id, 'manhole_level', '330182104', :id, 29.5, 119.3, 3.0, :id, 'fl', now())
                    on conflict (id) do nothing""").param("id", "FL-MH-" + i).update();
        }
        a = new ForecastLeases(jdbc, "test-a", LEASE, HEARTBEAT);
        b = new ForecastLeases(jdbc, "test-b", LEASE, HEARTBEAT);
        beatsOfA.scheduleWithFixedDelay(a::heartbeat, 0, HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
        beatsOfB.scheduleWithFixedDelay(b::heartbeat, 0, HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops an instance's heartbeats, waiting for one under way (as a dead process would not renew any more). */
    private static void stopBeating(ScheduledExecutorService beats) {
        beats.shutdownNow();
        try {
            assertThat(beats.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void stop() {
        stopBeating(beatsOfA);
        stopBeating(beatsOfB);
        a.release();
        b.release();
        jdbc.sql("delete from sensing_forecast_lease where catchment like 'FL-%'").update();
        jdbc.sql("delete from sensing_device where id like 'FL-%'").update();
    }

    private Set<String> catchments() {
        return Set.copyOf(jdbc.sql("select catchment from sensing_forecast_lease").query(String.class).list());
    }

    private void eachOwnedByExactlyOne() {
        Set<String> ofA = a.owned();
        Set<String> ofB = b.owned();
        assertThat(java.util.Collections.disjoint(ofA, ofB)).as("%s and %s are disjoint", ofA, ofB).isTrue();
        Set<String> both = new HashSet<>(ofA);
        both.addAll(ofB);
        assertThat(both).isEqualTo(catchments());
        assertThat(ofA).isNotEmpty();
        assertThat(ofB).isNotEmpty();
        assertThat(Math.abs(ofA.size() - ofB.size())).isLessThanOrEqualTo(1);
    }

    @Test
    void eachCatchmentBelongsToExactlyOneInstanceAndMovesWhenItsOwnerDies() {
        // the first heartbeats (on their own threads) register the catchments
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(catchments()).contains("FL-MH-0", "FL-MH-5"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(this::eachOwnedByExactlyOne);
        Set<String> ofA = a.owned();

        stopBeating(beatsOfA); // A dies: no more renewals, nothing given back
        long died = System.nanoTime();
        await().atMost(LEASE.multipliedBy(3)).untilAsserted(() -> assertThat(b.owned()).containsAll(ofA)
                .isEqualTo(catchments()));
        Duration handover = Duration.ofNanos(System.nanoTime() - died);
        // A no longer trusts its leases once they may have lapsed, before B could take them
        assertThat(a.owned()).isEmpty();
        assertThat(handover).isLessThan(LEASE.multipliedBy(3));
        assertThat(jdbc.sql("select count(*) from sensing_forecast_lease where owner is distinct from 'test-b'")
                .query(Long.class).single()).isZero();
    }

    @Test
    void aGracefulStopHandsTheCatchmentsOverAtOnce() {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(this::eachOwnedByExactlyOne);
        Set<String> ofA = a.owned();
        stopBeating(beatsOfA);
        a.release();
        assertThat(a.owned()).isEmpty();
        // well before A's leases would have lapsed
        await().atMost(LEASE.dividedBy(2)).untilAsserted(() -> assertThat(b.owned()).containsAll(ofA));
        assertThat(b.owned()).isEqualTo(catchments());
    }

    @Test
    void aLiveOwnersCatchmentsMoveOnlyWhenItGivesThemBack() {
        stopBeating(beatsOfA);
        stopBeating(beatsOfB);
        a.release();
        b.release();
        // heartbeats one at a time: A alone takes everything
        assertThat(a.heartbeat()).isEqualTo(catchments());
        // B joins: A's leases are live, so B takes none of them, although its share is half
        assertThat(b.heartbeat()).isEmpty();
        // A sees B and gives back what exceeds its share; B takes it at its next heartbeat
        Set<String> keptByA = a.heartbeat();
        assertThat(keptByA).hasSizeLessThan(catchments().size());
        Set<String> takenByB = b.heartbeat();
        assertThat(java.util.Collections.disjoint(keptByA, takenByB)).isTrue();
        Set<String> all = new HashSet<>(keptByA);
        all.addAll(takenByB);
        assertThat(all).isEqualTo(catchments());
    }

    @Test
    void aLeaseIsNeverTakenWhileItsOwnerRenewsIt() {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(this::eachOwnedByExactlyOne);
        List<String> before = jdbc.sql("select catchment || '=' || owner from sensing_forecast_lease order by 1")
                .query(String.class).list();
        // several lease times with both alive: nobody's catchment moves
        await().pollDelay(LEASE.multipliedBy(2)).atMost(LEASE.multipliedBy(3)).untilAsserted(() -> {
            assertThat(jdbc.sql("select catchment || '=' || owner from sensing_forecast_lease order by 1")
                    .query(String.class).list()).isEqualTo(before);
            eachOwnedByExactlyOne();
        });
    }
}
