package org.townbrain.sensing;

import jakarta.annotation.PreDestroy;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Which catchments (manholes with a rim level) this instance forecasts: each belongs to exactly
 * one instance at a time, through a lease in {@code sensing_forecast_lease}. Every
 * {@linkplain SensingProperties.ForecastLease#heartbeat() heartbeat} the instance renews its
 * leases for {@linkplain SensingProperties.ForecastLease#lease() the lease time}, takes its share
 * of the free or expired catchments ({@code for update skip locked}, so two instances never take
 * the same one) and gives back what exceeds its share, so the catchments spread over the live
 * instances. An instance that dies stops renewing: after the lease time its catchments are free
 * and the survivors take them at their next heartbeat. An instance that cannot renew in time
 * (database unreachable) considers its leases lost at their expiry, before anyone else may take
 * them. A graceful stop gives the leases back at once. Times are the database's clock.
 */
@Component
class ForecastLeases {

    private static final Logger log = LoggerFactory.getLogger(ForecastLeases.class);

    private final JdbcClient jdbc;
    private final String instance;
    private final Duration lease;
    private final Duration heartbeat;
    private TaskScheduler scheduler;
    private ScheduledFuture<?> beating;
    private volatile Set<String> owned = Set.of();
    /** Local deadline (System.nanoTime) after which the leases held are no longer trusted. */
    private volatile long trustedUntil = Long.MIN_VALUE;

    @Autowired
    ForecastLeases(JdbcClient jdbc, SensingProperties properties, TaskScheduler scheduler) {
        this(jdbc, name(properties.forecastLease().instance()), properties.forecastLease().lease(),
                properties.forecastLease().heartbeat());
        this.scheduler = scheduler;
    }

    ForecastLeases(JdbcClient jdbc, String instance, Duration lease, Duration heartbeat) {
        if (heartbeat.compareTo(lease) >= 0) {
            throw new IllegalArgumentException("the forecast lease heartbeat must be shorter than the lease");
        }
        this.jdbc = jdbc;
        this.instance = instance;
        this.lease = lease;
        this.heartbeat = heartbeat;
    }

    private static String name(String configured) {
        if (!configured.isBlank()) {
            return configured;
        }
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "localhost";
        }
        return host + "#" + ManagementFactory.getRuntimeMXBean().getPid();
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        if (scheduler != null && beating == null) {
            beating = scheduler.scheduleWithFixedDelay(this::beat, scheduler.getClock().instant().plus(heartbeat), heartbeat);
        }
    }

    private void beat() {
        try {
            heartbeat();
        } catch (RuntimeException e) {
            log.warn("sensing: renewing the forecast leases of {} failed; they lapse unless the next heartbeat succeeds",
                    instance, e);
        }
    }

    String instance() {
        return instance;
    }

    /** The catchments this instance owns now (empty once its leases may have lapsed). */
    Set<String> owned() {
        return System.nanoTime() - trustedUntil < 0 ? owned : Set.of();
    }

    boolean owns(String catchment) {
        return owned().contains(catchment);
    }

    /** Renews, rebalances and claims; returns the catchments owned afterwards. */
    synchronized Set<String> heartbeat() {
        long started = System.nanoTime();
        String interval = lease.toMillis() + " milliseconds";
        jdbc.sql("""
                insert into sensing_forecast_instance (instance, expires_at) values (:me, now() + cast(:lease as interval))
                on conflict (instance) do update set expires_at = excluded.expires_at""")
                .param("me", instance).param("lease", interval).update();
        jdbc.sql("""
                insert into sensing_forecast_lease (catchment)
                select id from sensing_device where kind = 'manhole_level' and rim_level_m is not null
                on conflict (catchment) do nothing""").update();
        jdbc.sql("update sensing_forecast_lease set expires_at = now() + cast(:lease as interval) where owner = :me")
                .param("me", instance).param("lease", interval).update();
        long share = jdbc.sql("""
                select ceil(count(*)::numeric / greatest(1, (select count(*) from sensing_forecast_instance
                                                           where expires_at > now())))::bigint
                from sensing_forecast_lease""").query(Long.class).single();
        long mine = jdbc.sql("select count(*) from sensing_forecast_lease where owner = :me")
                .param("me", instance).query(Long.class).single();
        if (mine > share) {
            jdbc.sql("""
                    update sensing_forecast_lease set owner = null, expires_at = '-infinity'
                    where catchment in (select catchment from sensing_forecast_lease where owner = :me
                                        order by catchment desc limit :n)""")
                    .param("me", instance).param("n", mine - share).update();
        } else if (mine < share) {
            int claimed = jdbc.sql("""
                    with free as (
                        select catchment from sensing_forecast_lease
                        where owner is null or expires_at < now()
                        order by catchment limit :n
                        for update skip locked)
                    update sensing_forecast_lease l
                    set owner = :me, expires_at = now() + cast(:lease as interval), claimed_at = now()
                    from free where l.catchment = free.catchment""")
                    .param("me", instance).param("lease", interval).param("n", share - mine).update();
            if (claimed > 0) {
                log.info("sensing: forecaster {} took {} catchments", instance, claimed);
            }
        }
        List<String> now = jdbc.sql("select catchment from sensing_forecast_lease where owner = :me and expires_at > now()")
                .param("me", instance).query(String.class).list();
        owned = Set.copyOf(now);
        trustedUntil = started + lease.toNanos();
        return owned;
    }

    /** Gives the leases back (graceful stop), so the other instances take them at their next heartbeat. */
    @PreDestroy
    synchronized void release() {
        if (beating != null) {
            beating.cancel(false);
            beating = null;
        }
        owned = Set.of();
        try {
            jdbc.sql("update sensing_forecast_lease set owner = null, expires_at = '-infinity' where owner = :me")
                    .param("me", instance).update();
            jdbc.sql("delete from sensing_forecast_instance where instance = :me").param("me", instance).update();
        } catch (RuntimeException e) {
            log.warn("sensing: giving back the forecast leases of {} failed; they lapse after {}", instance, lease, e);
        }
    }
}
