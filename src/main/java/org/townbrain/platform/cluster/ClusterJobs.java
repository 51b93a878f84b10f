package org.townbrain.platform.cluster;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Runs a background job once per period across every instance on the database, whichever
 * instance's scheduler fires first; the others skip that period. ShedLock's JDBC provider on
 * {@code platform_job_lock}, with the database's clock, so instances whose clocks differ agree.
 * <p>
 * A job is held for four fifths of its period after it starts (so an instance whose schedule
 * runs a little later skips it) and at most the longer of ten minutes and nine tenths of the
 * period, after which an instance that died while running it no longer blocks the others. A job
 * must still be idempotent: one that runs past that limit may meet a second copy.
 * <p>
 * The job runs on the caller's thread and outside any transaction: it opens its own (a
 * {@code TransactionTemplate}, never an annotated method of its own class, which Spring's proxy
 * would not see).
 */
@Component
public class ClusterJobs {

    private static final Logger log = LoggerFactory.getLogger(ClusterJobs.class);
    private static final Duration LEAST_HOLD_LIMIT = Duration.ofMinutes(10);

    private final LockingTaskExecutor executor;
    private final Clock clock;

    ClusterJobs(DataSource dataSource, Clock clock) {
        this.executor = new DefaultLockingTaskExecutor(new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(new JdbcTemplate(dataSource)).withTableName("platform_job_lock")
                .withLockedByValue(instanceName()).usingDbTime().build()));
        this.clock = clock;
    }

    /**
     * Runs {@code work} now unless another instance (or this one) ran the job within this
     * period or is running it; returns whether it ran here.
     *
     * @param job a stable name, {@code module.job}
     * @param period how often the job is scheduled
     */
    public boolean once(String job, Duration period, Runnable work) {
        Duration atLeast = period.multipliedBy(4).dividedBy(5);
        Duration atMost = period.multipliedBy(9).dividedBy(10);
        if (atMost.compareTo(LEAST_HOLD_LIMIT) < 0) {
            atMost = LEAST_HOLD_LIMIT;
        }
        boolean[] ran = {false};
        executor.executeWithLock((Runnable) () -> {
            ran[0] = true;
            work.run();
        }, new LockConfiguration(clock.instant(), job, atMost, atLeast));
        if (!ran[0]) {
            log.debug("{}: another instance has run it within its period; skipped here", job);
        }
        return ran[0];
    }

    /** Host and process id, so the lock table tells which instance holds a job. */
    private static String instanceName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown";
        }
        return host + ":" + ProcessHandle.current().pid();
    }
}
