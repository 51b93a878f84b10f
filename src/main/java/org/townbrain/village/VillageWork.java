package org.townbrain.village;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.townbrain.access.Role;
import org.townbrain.access.Users;
import org.townbrain.cases.CaseRequested;
import org.townbrain.platform.errors.ConflictException;
import org.townbrain.platform.errors.NotFoundException;
import org.townbrain.platform.errors.RejectedException;
import org.townbrain.region.Village;

/**
 * What people do in a village's small brain, each in one transaction with the case it asks for:
 * an elder's daily check-in, a waste-sorting check of a household group (below target → case),
 * a burning or littering report (→ case at once). Cases go to the village (its grid worker).
 */
@Service
class VillageWork {

    /** Field work in the village: its grid worker, town staff and the county. */
    static final Set<Role> FIELD = Set.of(Role.COUNTY_ADMIN, Role.CLUSTER_LEAD, Role.TOWN_STAFF, Role.GRID_WORKER);

    record WasteCheck(String groupName, Integer households, Integer sortedHouseholds) {
    }

    record Report(String kind, String description) {
    }

    /** An elder living alone who agreed to be watched: by daily check-in, or by a smart meter sensor of the village. */
    record Enrolment(String name, String method, String meterSensor, String consentBy) {
    }

    private final JdbcClient jdbc;
    private final VillageBrains brains;
    private final Users users;
    private final ApplicationEventPublisher events;
    private final VillageProperties properties;
    private final Clock clock;

    VillageWork(JdbcClient jdbc, VillageBrains brains, Users users, ApplicationEventPublisher events,
            VillageProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.brains = brains;
        this.users = users;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
    }

    /** Enrols an elder; without a recorded consent (who agreed, how) nobody is watched. */
    @Transactional
    long enrol(String villageCode, Enrolment e) {
        Village village = field(villageCode);
        if (e.name() == null || e.name().isBlank() || e.name().strip().length() > 30) {
            throw new RejectedException("name", "请填写姓名（30 字以内）/ name (≤ 30)");
        }
        String method = e.method() == null ? "" : e.method().strip().toUpperCase(Locale.ROOT);
        if (!method.equals("CHECKIN") && !method.equals("METER")) {
            throw new RejectedException("method", "请选择每日签到或智能电表 / choose CHECKIN or METER");
        }
        if (method.equals("METER") && (e.meterSensor() == null || e.meterSensor().isBlank())) {
            throw new RejectedException("meterSensor", "请填写智能电表编号 / the meter's sensor id");
        }
        if (e.consentBy() == null || e.consentBy().isBlank() || e.consentBy().strip().length() > 60) {
            throw new RejectedException("consentBy", "须记录本人同意（谁、以何方式）/ record the consent (who, how)");
        }
        return jdbc.sql("""
                insert into village_elder (village_code, name, method, meter_sensor, consent_at, consent_by)
                values (:v, :n, :m, :s, :now, :by) returning id""")
                .param("v", village.code()).param("n", e.name().strip()).param("m", method)
                .param("s", method.equals("METER") ? e.meterSensor().strip() : null)
                .param("now", Timestamp.from(clock.instant())).param("by", e.consentBy().strip()).query(Long.class).single();
    }

    /** An elder checked in today (recorded by the grid worker or the family); stale versions are refused. */
    @Transactional
    Instant checkIn(String villageCode, long elderId, int version) {
        Village village = field(villageCode);
        Instant now = clock.instant();
        int updated = jdbc.sql("""
                update village_elder set last_checkin_at = :now, case_requested_on = null, version = version + 1
                where id = :id and village_code = :v and version = :version and method = 'CHECKIN'""")
                .param("now", Timestamp.from(now)).param("id", elderId).param("v", village.code())
                .param("version", version).update();
        if (updated == 0) {
            boolean exists = jdbc.sql("select count(*) from village_elder where id = :id and village_code = :v and method = 'CHECKIN'")
                    .param("id", elderId).param("v", village.code()).query(Integer.class).single() > 0;
            if (!exists) {
                throw new NotFoundException("elder " + elderId);
            }
            throw new ConflictException("记录已被他人更新，请刷新 / changed meanwhile: reload");
        }
        return now;
    }

    /** A household group's waste-sorting check; a rate under the target becomes a case of the village. */
    @Transactional
    boolean wasteCheck(String villageCode, WasteCheck check) {
        Village village = field(villageCode);
        if (check.groupName() == null || check.groupName().isBlank() || check.groupName().strip().length() > 40) {
            throw new RejectedException("groupName", "请填写户组名称（40 字以内）/ name the household group (≤ 40)");
        }
        if (check.households() == null || check.households() < 1 || check.households() > 10_000) {
            throw new RejectedException("households", "户数须为 1–10000 / households: 1–10000");
        }
        if (check.sortedHouseholds() == null || check.sortedHouseholds() < 0 || check.sortedHouseholds() > check.households()) {
            throw new RejectedException("sortedHouseholds", "分类户数须在 0 与总户数之间 / sorted: 0 to households");
        }
        double rate = (double) check.sortedHouseholds() / check.households();
        boolean below = rate < properties.wasteSortingTarget();
        long id = jdbc.sql("""
                insert into village_waste_group (village_code, group_name, households, sorted_households, checked_on, case_requested)
                values (:v, :g, :h, :s, :on, :below) returning id""")
                .param("v", village.code()).param("g", check.groupName().strip()).param("h", check.households())
                .param("s", check.sortedHouseholds()).param("on", LocalDate.now(clock)).param("below", below)
                .query(Long.class).single();
        if (below) {
            events.publishEvent(new CaseRequested("VILLAGE_WASTE", village.townCode(), null,
                    String.format(Locale.ROOT, "%s %s 垃圾分类率 %.0f%%，低于目标 %.0f%%", village.name(), check.groupName().strip(),
                            rate * 100, properties.wasteSortingTarget() * 100),
                    null, null, "village-waste:" + id, village.code()));
        }
        return below;
    }

    /** A burning or littering report in the village: a case at once, for its grid worker. */
    @Transactional
    long report(String villageCode, Report report) {
        Village village = field(villageCode);
        String kind = report.kind() == null ? "" : report.kind().strip().toUpperCase(Locale.ROOT);
        if (!kind.equals("BURNING") && !kind.equals("LITTERING")) {
            throw new RejectedException("kind", "请选择焚烧或乱扔垃圾 / choose burning or littering");
        }
        if (report.description() == null || report.description().isBlank() || report.description().strip().length() > 500) {
            throw new RejectedException("description", "请描述地点和情况（500 字以内）/ say where and what (≤ 500)");
        }
        String by = users.current().map(u -> u.username()).orElse("system");
        long id = jdbc.sql("""
                insert into village_report (village_code, kind, description, reported_at, reported_by)
                values (:v, :k, :d, :now, :by) returning id""")
                .param("v", village.code()).param("k", kind).param("d", report.description().strip())
                .param("now", Timestamp.from(clock.instant())).param("by", by).query(Long.class).single();
        events.publishEvent(new CaseRequested("VILLAGE_REPORT", village.townCode(), kind.equals("BURNING")
                ? CaseRequested.Reason.OPEN_BURNING : CaseRequested.Reason.EXPOSED_WASTE,
                village.name() + "：" + report.description().strip(), null, null, "village-report:" + id, village.code()));
        return id;
    }

    /**
     * Elders watched by daily check-in who have not checked in within the grace time become a
     * case of their village, once a day each (the update claims them: never twice, also with
     * several instances). The case names no one: the grid worker sees who on the village page.
     */
    @Transactional
    int requestVisitsForMissedCheckins() {
        LocalDate today = LocalDate.now(clock);
        Instant before = clock.instant().minus(properties.checkinGrace());
        var due = jdbc.sql("""
                update village_elder e set case_requested_on = :today
                from village_brain b
                where b.village_code = e.village_code and e.method = 'CHECKIN'
                  and coalesce(e.last_checkin_at, e.consent_at) < :before
                  and (e.case_requested_on is null or e.case_requested_on < :today)
                returning e.id, e.village_code, b.town_code""")
                .param("today", today).param("before", Timestamp.from(before))
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)}).list();
        for (String[] elder : due) {
            events.publishEvent(new CaseRequested("VILLAGE_ELDER", elder[2], null,
                    "独居老人（编号 " + elder[0] + "）超过一天未签到，请上门查看", null, null,
                    "village-elder:" + elder[0] + ":" + today, elder[1]));
        }
        return due.size();
    }

    private Village field(String villageCode) {
        Village village = brains.visibleVillage(villageCode);
        if (users.current().map(u -> !FIELD.contains(u.role())).orElse(true)) {
            throw new AccessDeniedException("role");
        }
        return village;
    }
}
