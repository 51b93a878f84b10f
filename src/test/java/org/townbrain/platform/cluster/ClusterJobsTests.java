package org.townbrain.platform.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.townbrain.support.IntegrationTest;

@IntegrationTest
class ClusterJobsTests {

    @Autowired ClusterJobs jobs;
    @Autowired JdbcClient jdbc;

    @Test
    void aJobStartedByTwoInstancesAtOnceRunsOnceAndNotAgainWithinItsPeriod() throws Exception {
        String job = "test." + UUID.randomUUID().toString().substring(0, 8);
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch bothTried = new CountDownLatch(1);
        CyclicBarrier start = new CyclicBarrier(2);
        List<Boolean> ran = new ArrayList<>();
        try (ExecutorService two = Executors.newFixedThreadPool(2)) {
            List<Future<Boolean>> attempts = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                attempts.add(two.submit(() -> {
                    start.await();
                    return jobs.once(job, Duration.ofMinutes(5), () -> {
                        runs.incrementAndGet();
                        try {
                            // still running while the other instance tries
                            bothTried.await(10, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    });
                }));
            }
            // the one that did not get the job returns at once
            while (attempts.stream().noneMatch(Future::isDone)) {
                Thread.onSpinWait();
            }
            bothTried.countDown();
            for (Future<Boolean> attempt : attempts) {
                ran.add(attempt.get());
            }
        }
        assertThat(runs).hasValue(1);
        assertThat(ran).containsExactlyInAnyOrder(true, false);
        // finished, but its period has not passed: the next instance's schedule skips it
        assertThat(jobs.once(job, Duration.ofMinutes(5), runs::incrementAndGet)).isFalse();
        assertThat(jdbc.sql("select locked_by from platform_job_lock where name = :n").param("n", job).query(String.class).single())
                .endsWith(":" + ProcessHandle.current().pid());
        // once the period has passed, it runs again
        jdbc.sql("update platform_job_lock set lock_until = locked_at where name = :n").param("n", job).update();
        assertThat(jobs.once(job, Duration.ofMinutes(5), runs::incrementAndGet)).isTrue();
        assertThat(runs).hasValue(2);
    }
}
