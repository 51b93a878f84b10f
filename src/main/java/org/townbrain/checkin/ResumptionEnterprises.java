package org.townbrain.checkin;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.townbrain.platform.errors.ConflictException;
import org.townbrain.platform.errors.NotFoundException;
import org.townbrain.platform.errors.RejectedException;
import org.townbrain.platform.scope.OutOfScopeException;
import org.townbrain.platform.scope.Scope;
import org.townbrain.platform.scope.ScopeProvider;
import org.townbrain.region.Regions;

/** ResumptionEnterprises and their daily work-resumption reports; every read and write filtered by scope. */
@Service("checkinResumptionEnterprises")
@Transactional
class ResumptionEnterprises {

    private static final String COLUMNS = "id, uscc, name, town_code, village_code, industry, size, workers, demo, version";

    private final JdbcClient jdbc;
    private final Regions regions;
    private final ScopeProvider scopes;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final CheckinProperties properties;

    ResumptionEnterprises(JdbcClient jdbc, Regions regions, ScopeProvider scopes, Clock clock, ApplicationEventPublisher events,
            CheckinProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.regions = regions;
        this.scopes = scopes;
        this.clock = clock;
        this.events = events;
    }

    /** What is needed to register an enterprise. */
    record NewEnterprise(String uscc, String name, String townCode, String villageCode, String industry, String size,
            Integer workers) {
    }

    Enterprise register(NewEnterprise e, boolean demo) {
        Uscc uscc = Uscc.parse(e.uscc());
        String name = e.name() == null ? "" : e.name().strip();
        if (name.isEmpty() || name.length() > 200) {
            throw new RejectedException("name", "请填写企业名称 / enter the enterprise's name");
        }
        if (e.townCode() == null || regions.town(e.townCode()).isEmpty()) {
            throw new RejectedException("townCode", "未知的镇街 / unknown town");
        }
        String village = Venues.blankToNull(e.villageCode());
        if (village != null && regions.village(village).filter(v -> v.townCode().equals(e.townCode())).isEmpty()) {
            throw new RejectedException("villageCode", "该村社不属于所选镇街 / the village is not in this town");
        }
        if (!(village == null ? scopes.current().coversWholeTown(e.townCode())
                : scopes.current().coversVillage(e.townCode(), village))) {
            throw new OutOfScopeException("town");
        }
        Industry industry = Industry.parse(e.industry())
                .orElseThrow(() -> new RejectedException("industry", "未知的行业 / unknown industry"));
        Industry.Size size = Industry.Size.parse(e.size())
                .orElseThrow(() -> new RejectedException("size", "未知的企业规模 / unknown size"));
        int workers = e.workers() == null ? 0 : e.workers();
        if (workers < 0) {
            throw new RejectedException("workers", "人数不能为负 / cannot be negative");
        }
        if (jdbc.sql("select count(*) from checkin_enterprise where uscc = :u").param("u", uscc.value()).query(Long.class)
                .single() > 0) {
            throw new RejectedException("uscc", "该统一社会信用代码已登记 / already registered: " + uscc.value());
        }
        long id = jdbc.sql("""
                insert into checkin_enterprise (uscc, name, town_code, village_code, industry, size, workers, demo, created_at)
                values (:uscc, :name, :town, :village, :industry, :size, :workers, :demo, :at) returning id""")
                .param("uscc", uscc.value()).param("name", name).param("town", e.townCode()).param("village", village)
                .param("industry", industry.name()).param("size", size.name()).param("workers", workers)
                .param("demo", demo).param("at", Timestamp.from(clock.instant())).query(Long.class).single();
        return byId(id).orElseThrow();
    }

    @Transactional(readOnly = true)
    List<Enterprise> list() {
        Scope scope = scopes.current();
        return jdbc.sql("select " + COLUMNS + " from checkin_enterprise order by town_code, name").query(ResumptionEnterprises::map)
                .stream().filter(e -> visible(scope, e)).toList();
    }

    @Transactional(readOnly = true)
    Enterprise scoped(long id) {
        Enterprise enterprise = byId(id).orElseThrow(() -> new OutOfScopeException("enterprise"));
        if (!visible(scopes.current(), enterprise)) {
            throw new OutOfScopeException("enterprise");
        }
        return enterprise;
    }

    @Transactional(readOnly = true)
    Optional<Enterprise> byUscc(String uscc) {
        return jdbc.sql("select " + COLUMNS + " from checkin_enterprise where uscc = :u").param("u", uscc)
                .query(ResumptionEnterprises::map).optional().filter(e -> visible(scopes.current(), e));
    }

    /** Records the day's report; a second report for the same day replaces the first. */
    void report(long enterpriseId, ResumptionReport report, String reportedBy) {
        Enterprise enterprise = scoped(enterpriseId);
        if (report.day().isAfter(today().plusDays(1))) {
            throw new RejectedException("day", "不能填报未来日期 / the day is in the future");
        }
        jdbc.sql("""
                insert into checkin_resumption_report (enterprise_id, day, workers_expected, workers_back, capacity_percent,
                                                       needs, reported_by, created_at)
                values (:e, :day, :expected, :back, :capacity, :needs, :by, :at)
                on conflict (enterprise_id, day) do update set workers_expected = excluded.workers_expected,
                    workers_back = excluded.workers_back, capacity_percent = excluded.capacity_percent,
                    needs = excluded.needs, reported_by = excluded.reported_by, created_at = excluded.created_at""")
                .param("e", enterprise.id()).param("day", report.day()).param("expected", report.workersExpected())
                .param("back", report.workersBack()).param("capacity", report.capacityPercent())
                .param("needs", report.needs()).param("by", reportedBy).param("at", Timestamp.from(clock.instant())).update();
    }

    @Transactional(readOnly = true)
    List<ResumptionReport> reports(long enterpriseId, int days) {
        return jdbc.sql("""
                select enterprise_id, day, workers_expected, workers_back, capacity_percent, needs, case_requested_at
                from checkin_resumption_report where enterprise_id = :e order by day desc limit :n""")
                .param("e", enterpriseId).param("n", days).query(ResumptionEnterprises::report).list();
    }

    /** Turns the need of one day's report into a case, once: publishes {@link EnterpriseNeedRaised}. */
    EnterpriseNeedRaised raiseNeed(long enterpriseId, LocalDate day) {
        Enterprise enterprise = scoped(enterpriseId);
        ResumptionReport report = jdbc.sql("""
                select enterprise_id, day, workers_expected, workers_back, capacity_percent, needs, case_requested_at
                from checkin_resumption_report where enterprise_id = :e and day = :day""")
                .param("e", enterpriseId).param("day", day).query(ResumptionEnterprises::report).optional()
                .orElseThrow(() -> new NotFoundException("report"));
        if (report.needs() == null) {
            throw new RejectedException("needs", "该日报告没有填写需求 / the report states no need");
        }
        int marked = jdbc.sql("""
                update checkin_resumption_report set case_requested_at = :at
                where enterprise_id = :e and day = :day and case_requested_at is null""")
                .param("at", Timestamp.from(clock.instant())).param("e", enterpriseId).param("day", day).update();
        if (marked == 0) {
            throw new ConflictException("该需求已转为案件 / this need was already turned into a case");
        }
        EnterpriseNeedRaised event = new EnterpriseNeedRaised(enterprise.id(), day, enterprise.townCode(),
                enterprise.villageCode(), enterprise.name(), report.needs(), "checkin-need:" + enterprise.id() + ":" + day);
        // the town handles the need as a case, with the case catalogue's 企业诉求 time limit
        events.publishEvent(new org.townbrain.cases.CaseRequested("ENTERPRISE_NEED", enterprise.townCode(),
                org.townbrain.cases.CaseRequested.Reason.ENTERPRISE_NEED,
                enterprise.name() + "：" + report.needs(), null, null, event.externalRef()));
        return event;
    }

    LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), clock.getZone());
    }

    private Optional<Enterprise> byId(long id) {
        return jdbc.sql("select " + COLUMNS + " from checkin_enterprise where id = :id").param("id", id)
                .query(ResumptionEnterprises::map).optional();
    }

    static boolean visible(Scope scope, Enterprise e) {
        return e.villageCode() == null ? scope.coversWholeTown(e.townCode()) : scope.coversVillage(e.townCode(), e.villageCode());
    }

    static Enterprise map(ResultSet rs, int n) throws SQLException {
        return new Enterprise(rs.getLong("id"), rs.getString("uscc"), rs.getString("name"), rs.getString("town_code"),
                rs.getString("village_code"), Industry.valueOf(rs.getString("industry")),
                Industry.Size.valueOf(rs.getString("size")), rs.getInt("workers"), rs.getBoolean("demo"), rs.getInt("version"));
    }

    static ResumptionReport report(ResultSet rs, int n) throws SQLException {
        return new ResumptionReport(rs.getLong(1), rs.getObject(2, LocalDate.class), rs.getInt(3), rs.getInt(4), rs.getInt(5),
                rs.getString(6), Checkins.instant(rs.getTimestamp(7)));
    }
}
