package org.townbrain.sensing;

import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import org.townbrain.platform.cluster.ClusterJobs;

/**
 * Monthly partitions of the readings table (UTC months): created a few months ahead every day
 * and on demand for late readings; raw readings past their kind's retention are deleted and
 * partitions older than every kind's retention are dropped. Roll-ups are kept. The nightly
 * maintenance runs on one instance of the cluster ({@link ClusterJobs}); every instance makes
 * sure of the coming months when it starts. Partitions are created under an advisory lock held
 * by a transaction, so instances never race on the DDL.
 */
@Component
class TelemetryPartitions {

    private static final Logger log = LoggerFactory.getLogger(TelemetryPartitions.class);

    private final JdbcClient jdbc;
    private final SensingProperties properties;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final ClusterJobs jobs;
    private final Set<YearMonth> known = ConcurrentHashMap.newKeySet();

    TelemetryPartitions(JdbcClient jdbc, SensingProperties properties, Clock clock, TransactionTemplate tx, ClusterJobs jobs) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
        this.tx = tx;
        this.jobs = jobs;
    }

    /** Makes sure the months exist, in a transaction of its own so ingest never races on DDL. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void ensure(Collection<YearMonth> months) {
        for (YearMonth month : months) {
            if (known.contains(month)) {
                continue;
            }
            jdbc.sql("select pg_advisory_xact_lock(4004001)").query().singleRow();
            jdbc.sql("create table if not exists " + name(month) + " partition of sensing_reading for values from ('"
                    + month.atDay(1) + " 00:00:00+00') to ('" + month.plusMonths(1).atDay(1) + " 00:00:00+00')").update();
            known.add(month);
        }
    }

    /** Whether the month is known to exist, so ingest needs no transaction of its own to make sure. */
    boolean known(YearMonth month) {
        return known.contains(month);
    }

    static String name(YearMonth month) {
        return String.format("sensing_reading_%04d_%02d", month.getYear(), month.getMonthValue());
    }

    /** At start-up too, on every instance, so the coming months exist before the first reading. */
    @org.springframework.context.event.EventListener(org.springframework.boot.context.event.ApplicationReadyEvent.class)
    public void atStartUp() {
        tx.executeWithoutResult(status -> ahead());
    }

    /** Every night, on one instance: partitions ahead, and retention. */
    @Scheduled(cron = "${townbrain.sensing.maintenance-cron:0 17 3 * * *}", zone = "${townbrain.zone}")
    void nightly() {
        jobs.once("sensing.partitions", Duration.ofDays(1), this::maintain);
    }

    /** Partitions ahead and retention, in a transaction of its own. */
    void maintain() {
        tx.executeWithoutResult(status -> {
            ahead();
            retention();
        });
    }

    private void ahead() {
        YearMonth now = YearMonth.now(clock.withZone(ZoneOffset.UTC));
        for (int i = 0; i <= properties.partitionsAhead(); i++) {
            ensureOne(now.plusMonths(i));
        }
    }

    private void retention() {
        Duration longest = Duration.ZERO;
        for (SensorKind kind : SensorKind.values()) {
            Duration keep = properties.retentionOf(kind);
            longest = keep.compareTo(longest) > 0 ? keep : longest;
            int deleted = jdbc.sql("""
                    delete from sensing_reading r using sensing_device d
                    where d.id = r.sensor_id and d.kind = :kind and r.observed_at < :before""")
                    .param("kind", kind.word())
                    .param("before", java.sql.Timestamp.from(clock.instant().minus(keep))).update();
            if (deleted > 0) {
                log.info("sensing retention: deleted {} {} readings older than {}", deleted, kind.word(), keep);
            }
        }
        YearMonth oldestKept = YearMonth.from(clock.instant().minus(longest).atZone(ZoneOffset.UTC));
        for (String table : jdbc.sql("""
                select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid
                join pg_class p on p.oid = i.inhparent where p.relname = 'sensing_reading'""").query(String.class).list()) {
            YearMonth month = YearMonth.of(Integer.parseInt(table.substring(16, 20)), Integer.parseInt(table.substring(21, 23)));
            if (month.isBefore(oldestKept)) {
                jdbc.sql("drop table " + table).update();
                known.remove(month);
                log.info("sensing retention: dropped partition {}", table);
            }
        }
    }

    private void ensureOne(YearMonth month) {
        jdbc.sql("select pg_advisory_xact_lock(4004001)").query().singleRow();
        jdbc.sql("create table if not exists " + name(month) + " partition of sensing_reading for values from ('"
                + month.atDay(1) + " 00:00:00+00') to ('" + month.plusMonths(1).atDay(1) + " 00:00:00+00')").update();
        known.add(month);
    }
}
