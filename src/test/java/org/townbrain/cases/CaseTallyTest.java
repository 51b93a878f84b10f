package org.townbrain.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.townbrain.platform.scope.Scope;
import org.townbrain.support.IntegrationTest;

/**
 * The per-town figures read from the tally equal the figures counted from the cases themselves,
 * for cases taken through the lifecycle in every way it allows, over periods that cut months and
 * days at different places. Everything happens in 2019, which no other test or demo row touches.
 */
@IntegrationTest
class CaseTallyTest {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final String MEICHENG = "330182104";
    static final String SHOUCHANG = "330182109";
    static final String XINANJIANG = "330182001";
    static final Instant FAR_FUTURE = Instant.parse("2099-01-01T00:00:00Z");

    @Autowired
    CaseRepository repository;
    @Autowired
    CaseStatistics statistics;
    @Autowired
    CaseTally tally;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transaction;

    @Test
    void figuresFromTheTallyEqualFiguresCountedFromTheCases() {
        if (jdbc.sql("select count(*) from cases_case where description = '统计核对案件'").query(Long.class).single() == 0) {
            lifecycle();
        }
        List<String> towns = List.of(MEICHENG, SHOUCHANG, XINANJIANG);
        List<LocalDate[]> periods = List.of(
                period("2019-03-31", "2019-03-31"), period("2019-04-01", "2019-04-01"),
                period("2019-03-01", "2019-03-31"), period("2019-02-15", "2019-04-10"),
                period("2019-01-01", "2019-12-31"), period("2019-03-16", "2019-06-30"),
                period("2018-12-01", "2019-02-27"), period("2019-02-28", "2019-03-01"),
                period("2019-03-01", "2019-05-31"), period("2019-06-30", "2019-07-01"));
        for (LocalDate[] p : periods) {
            assertThat(statistics.byTown(towns, p[0], p[1])).as("three towns %s – %s", p[0], p[1])
                    .isEqualTo(statistics.counted(CaseStatistics.Dimension.TOWN, p[0], p[1], Scope.towns(towns)));
            assertThat(statistics.byTown(p[0], p[1])).as("county %s – %s", p[0], p[1])
                    .isEqualTo(statistics.counted(CaseStatistics.Dimension.TOWN, p[0], p[1], Scope.county()));
            for (String town : towns) {
                assertThat(statistics.byTown(List.of(town), p[0], p[1])).as("%s %s – %s", town, p[0], p[1])
                        .isEqualTo(statistics.counted(CaseStatistics.Dimension.TOWN, p[0], p[1], Scope.towns(List.of(town))));
            }
        }

        // what a person checking March in Meicheng by hand would count
        CaseFigures march = statistics.town(MEICHENG, LocalDate.of(2019, 3, 1), LocalDate.of(2019, 3, 31));
        assertThat(march).isEqualTo(new CaseFigures(MEICHENG, 5, 4, 1, 0, 2, 4, 4, 1, 3));
        // 23:30 on 31 March and 00:10 on 1 April in the county are different days (the same UTC day)
        assertThat(statistics.town(MEICHENG, LocalDate.of(2019, 3, 31), LocalDate.of(2019, 3, 31)).reported()).isEqualTo(1);
        assertThat(statistics.town(MEICHENG, LocalDate.of(2019, 4, 1), LocalDate.of(2019, 4, 1)))
                .isEqualTo(new CaseFigures(MEICHENG, 1, 1, 1, 1, 1, 1, 1, 0, 0));
        // the case moved by a data fix counts in its new town and day only
        assertThat(statistics.town(XINANJIANG, LocalDate.of(2019, 7, 1), LocalDate.of(2019, 7, 1)).reported()).isEqualTo(1);
        assertThat(statistics.town(SHOUCHANG, LocalDate.of(2019, 1, 1), LocalDate.of(2019, 12, 31)))
                .isEqualTo(new CaseFigures(SHOUCHANG, 6, 4, 0, 0, 0, 0, 1, 0, 1));
        assertThat(mismatchedRows(ZONE)).isZero();
    }

    @Test
    void concurrentChangesToCasesOfOneTownAndDayAreAllCounted() throws Exception {
        Instant day = at("2019-08-08T10:00");
        LocalDate first = LocalDate.of(2019, 8, 1);
        LocalDate last = LocalDate.of(2019, 8, 31);
        CaseFigures before = statistics.town(XINANJIANG, first, last);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Void>> work = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                work.add(() -> {
                    for (int i = 0; i < 25; i++) {
                        transaction.executeWithoutResult(s -> {
                            Case kase = report("STAFF_REPORT", XINANJIANG, day);
                            kase.accept(day.plusSeconds(60), null);
                            repository.save(kase, "county", day.plusSeconds(60));
                        });
                    }
                    return null;
                });
            }
            for (Future<Void> f : pool.invokeAll(work)) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        CaseFigures after = statistics.town(XINANJIANG, first, last);
        assertThat(after.reported() - before.reported()).isEqualTo(100);
        assertThat(after.accepted() - before.accepted()).isEqualTo(100);
        assertThat(statistics.byTown(List.of(XINANJIANG), first, last)).containsExactly(after);
        assertThat(mismatchedRows(ZONE)).isZero();
    }

    @Test
    void aChangedTimeZoneSettingRebuildsTheTallyInThatZone() {
        ZoneId utc = ZoneId.of("UTC");
        // 07:00 on 1 September in the county is still 31 August in UTC
        report("STAFF_REPORT", XINANJIANG, at("2019-09-01T07:00"));
        try {
            tally.countDaysIn(utc);
            assertThat(mismatchedRows(utc)).isZero();
            assertThat(mismatchedRows(ZONE)).isPositive();
            assertThat(jdbc.sql("select zone from cases_tally_zone").query(String.class).single()).isEqualTo("UTC");
        } finally {
            tally.countDaysIn(ZONE);
        }
        assertThat(mismatchedRows(ZONE)).isZero();
    }

    /** Cases in 2019 taken through every branch of the lifecycle, as the aggregate and repository do it. */
    private void lifecycle() {
        // Meicheng: waiting at 23:30 on 31 March; closed on time after 00:10 on 1 April
        report(MEICHENG, at("2019-03-31T23:30"));
        Case onTime = report(MEICHENG, at("2019-04-01T00:10"));
        dispatch(onTime, at("2019-04-01T08:00"), at("2019-04-01T12:00"));
        onTime.start(null);
        save(onTime, at("2019-04-01T08:30"));
        onTime.reportBack(at("2019-04-01T10:00"), "已清运");
        save(onTime, at("2019-04-01T10:00"));
        onTime.pass(ClosingReason.FIXED, at("2019-04-01T11:00"), null);
        save(onTime, at("2019-04-01T11:00"));
        // reworked once, then closed after the deadline
        Case late = report(MEICHENG, at("2019-03-15T10:00"));
        dispatch(late, at("2019-03-15T11:00"), at("2019-03-16T11:00"));
        late.reportBack(at("2019-03-15T15:00"), "已清运");
        save(late, at("2019-03-15T15:00"));
        late.fail("仍有残留");
        save(late, at("2019-03-15T16:00"));
        late.reportBack(at("2019-03-17T09:00"), "已彻底清理");
        save(late, at("2019-03-17T09:00"));
        late.pass(ClosingReason.FIXED, at("2019-03-17T10:00"), null);
        save(late, at("2019-03-17T10:00"));
        // overdue: dispatched, in progress, and reported back but not yet verified
        dispatch(report(MEICHENG, at("2019-03-15T11:00")), at("2019-03-15T12:00"), at("2019-03-16T12:00"));
        Case started = report(MEICHENG, at("2019-03-20T09:00"));
        dispatch(started, at("2019-03-20T10:00"), at("2019-03-21T10:00"));
        started.start(null);
        save(started, at("2019-03-20T11:00"));
        Case awaiting = report(MEICHENG, at("2019-03-20T09:30"));
        dispatch(awaiting, at("2019-03-20T10:00"), at("2019-03-21T10:00"));
        awaiting.reportBack(at("2019-03-20T15:00"), "已处理");
        save(awaiting, at("2019-03-20T15:00"));

        // Shouchang: voided, merged, closed then reopened, returned, parked, parked and resumed
        Case voided = report(SHOUCHANG, at("2019-02-28T09:00"));
        voided.voidReport("重复上报");
        save(voided, at("2019-02-28T09:10"));
        Case reopened = report(SHOUCHANG, at("2019-03-01T08:00"));
        dispatch(reopened, at("2019-03-01T09:00"), at("2019-03-04T09:00"));
        reopened.reportBack(at("2019-03-01T15:00"), "已处理");
        save(reopened, at("2019-03-01T15:00"));
        reopened.pass(ClosingReason.FIXED, at("2019-03-01T16:00"), null);
        save(reopened, at("2019-03-01T16:00"));
        reopened.reopen(at("2019-03-02T09:00"), Duration.ofDays(7), "问题复发");
        save(reopened, at("2019-03-02T09:00"));
        Case merged = report(SHOUCHANG, at("2019-02-28T10:00"));
        merged.accept(at("2019-02-28T10:30"), null);
        save(merged, at("2019-02-28T10:30"));
        merged.mergeInto(reopened.id, "同一问题");
        save(merged, at("2019-03-02T10:00"));
        Case returned = report(SHOUCHANG, at("2019-03-10T09:00"));
        dispatch(returned, at("2019-03-10T10:00"), at("2019-03-11T10:00"));
        returned.returnToDispatcher("非本单位职责");
        save(returned, at("2019-03-10T11:00"));
        Case parked = report(SHOUCHANG, at("2019-05-05T09:00"));
        dispatch(parked, at("2019-05-05T10:00"), at("2019-05-06T10:00"));
        parked.park("需纳入工程计划");
        save(parked, at("2019-05-05T11:00"));
        Case resumed = report(SHOUCHANG, at("2019-05-06T09:00"));
        dispatch(resumed, at("2019-05-06T10:00"), at("2019-05-07T10:00"));
        resumed.park("等待汛期结束");
        save(resumed, at("2019-05-06T11:00"));
        resumed.resume(null);
        save(resumed, at("2019-05-20T09:00"));

        // Xin'anjiang: dispatched with a deadline to come, and an approved extension
        dispatch(report(XINANJIANG, at("2019-06-30T23:59")), at("2019-07-01T09:00"), FAR_FUTURE);
        Case extended = report(XINANJIANG, at("2019-03-15T09:00"));
        dispatch(extended, at("2019-03-15T10:00"), at("2019-03-16T10:00"));
        extended.requestExtension(3, "材料未到");
        save(extended, at("2019-03-15T11:00"));
        extended.approveExtension(FAR_FUTURE, null);
        save(extended, at("2019-03-15T12:00"));

        // data fixes by an operator: a case moved to another town and day; a row inserted and deleted
        Case moved = report(MEICHENG, at("2019-03-15T09:00"));
        dispatch(moved, at("2019-03-15T10:00"), at("2019-03-16T10:00"));
        jdbc.sql("update cases_case set town_code = :t, reported_at = :at where id = :id").param("t", XINANJIANG)
                .param("at", java.sql.Timestamp.from(at("2019-07-01T08:00"))).param("id", moved.id).update();
        jdbc.sql("""
                insert into cases_case (ref, source, state, category_code, town_code, longitude, latitude, description,
                  public_token, reported_at) values ('TALLY-DELETE', 'STAFF_REPORT', 'REPORTED', 'E0102', :t, 119.47, 29.55,
                  '录入错误', 'tally-delete', :at)""").param("t", MEICHENG).param("at", java.sql.Timestamp.from(at("2019-03-15T09:00")))
                .update();
        jdbc.sql("delete from cases_case where ref = 'TALLY-DELETE'").update();
    }

    private Case report(String town, Instant at) {
        return report("STAFF_REPORT", town, at); // marked by its description, a source people read
    }

    private Case report(String source, String town, Instant at) {
        Case kase = Case.report(source, "E0102", town, null, 119.47, 29.55, null, "统计核对案件", "grid.meicheng", at);
        return repository.insert(kase, null, null, null, null, false, "grid.meicheng");
    }

    private void dispatch(Case kase, Instant at, Instant deadline) {
        kase.accept(at, null);
        save(kase, at);
        kase.dispatch("镇街环卫站", at, deadline, null);
        save(kase, at);
    }

    private void save(Case kase, Instant at) {
        repository.save(kase, "county", at);
    }

    /**
     * Rows where the tally differs from counting every case again (days in {@code zone}), months
     * that differ from the sum of their days, and due cases that differ from the open cases with
     * a deadline; one statement, so one snapshot.
     */
    private long mismatchedRows(ZoneId zone) {
        return jdbc.sql("""
                with counted as (
                  select town_code, (reported_at at time zone :zone)::date as day, count(*) as reported,
                    count(*) filter (where accepted_at is not null and state not in ('VOIDED', 'MERGED')) as accepted,
                    count(*) filter (where state = 'CLOSED') as closed,
                    count(*) filter (where state = 'CLOSED' and closed_on_time) as closed_on_time,
                    count(*) filter (where handled_at is not null and state not in ('VOIDED', 'MERGED')) as handled,
                    count(*) filter (where rework_count > 0 and state not in ('VOIDED', 'MERGED')) as rework
                  from cases_case group by 1, 2),
                days as (
                  select town_code, day, reported::bigint, accepted::bigint, closed::bigint, closed_on_time::bigint,
                    handled::bigint, rework::bigint
                  from cases_tally where span = 'DAY' and reported <> 0),
                months as (
                  select town_code, day, reported::bigint, accepted::bigint, closed::bigint, closed_on_time::bigint,
                    handled::bigint, rework::bigint
                  from cases_tally where span = 'MONTH' and reported <> 0),
                summed as (
                  select town_code, date_trunc('month', day::timestamp)::date, sum(reported)::bigint, sum(accepted)::bigint,
                    sum(closed)::bigint, sum(closed_on_time)::bigint, sum(handled)::bigint, sum(rework)::bigint
                  from days group by 1, 2),
                open as (
                  select id, town_code, reported_at, deadline, handled_at is null and state in ('DISPATCHED', 'IN_PROGRESS')
                  from cases_case where state not in ('CLOSED', 'VOIDED', 'MERGED', 'PARKED') and deadline is not null),
                due as (select case_id, town_code, reported_at, deadline, unhandled from cases_due)
                select (select count(*) from ((select * from counted except select * from days)
                                              union all (select * from days except select * from counted)) a)
                     + (select count(*) from ((select * from summed except select * from months)
                                              union all (select * from months except select * from summed)) b)
                     + (select count(*) from ((select * from open except select * from due)
                                              union all (select * from due except select * from open)) c)""")
                .param("zone", zone.getId()).query(Long.class).single();
    }

    private static Instant at(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(ZONE).toInstant();
    }

    private static LocalDate[] period(String from, String to) {
        return new LocalDate[] {LocalDate.parse(from), LocalDate.parse(to)};
    }
}
