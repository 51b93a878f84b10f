package org.townbrain.projects;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.townbrain.platform.errors.RejectedException;
import org.townbrain.platform.scope.Scope;
import org.townbrain.region.Regions;

/**
 * Quality and safety checks (质量安全检查) of a town's construction: a checklist and the
 * problems found at places, each requested as a case ({@link org.townbrain.cases.CaseRequested})
 * whose handling is tracked by the cases module.
 */
@Service
@Transactional
@org.springframework.validation.annotation.Validated
class QualityChecks {

    enum Kind { QUALITY, SAFETY, QUALITY_AND_SAFETY }

    record ChecklistItem(@NotBlank @Size(max = 300) String item, boolean passed) {
    }

    record NewFinding(@NotBlank @Size(max = 1000) String description,
            @DecimalMin("-180") @DecimalMax("180") Double longitude, @DecimalMin("-90") @DecimalMax("90") Double latitude) {
    }

    record NewCheck(@NotNull Kind kind, @NotBlank @Size(max = 200) String title, @NotBlank String townCode,
            Long projectId, @NotNull LocalDate checkedOn, @NotBlank @Size(max = 300) String inspectors,
            @Size(max = 200) List<@Valid ChecklistItem> checklist, @Size(max = 500) List<@Valid NewFinding> findings) {
        NewCheck {
            checklist = checklist == null ? List.of() : List.copyOf(checklist);
            findings = findings == null ? List.of() : List.copyOf(findings);
        }
    }

    record Check(long id, Kind kind, String title, String townCode, Long projectId, LocalDate checkedOn,
            String inspectors, int findings, int rectified) {
    }

    record Finding(long id, long checkId, Long projectId, String townCode, String description, Double longitude,
            Double latitude, boolean rectified) {
    }

    private final JdbcClient jdbc;
    private final Regions regions;
    private final ProjectLedger ledger;
    private final Permissions permissions;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    QualityChecks(JdbcClient jdbc, Regions regions, ProjectLedger ledger, Permissions permissions,
            ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.regions = regions;
        this.ledger = ledger;
        this.permissions = permissions;
        this.events = events;
        this.clock = clock;
    }

    /** Records a check with its checklist and findings; returns the ids of the findings, in order. */
    record Recorded(long checkId, List<Long> findingIds) {
    }

    Recorded record(@Valid NewCheck command) {
        if (regions.town(command.townCode()).isEmpty()) {
            throw new RejectedException("townCode", "未知镇街 / unknown town: " + command.townCode());
        }
        permissions.require(Permissions.CHECKS, List.of(command.townCode()));
        if (command.checkedOn().isAfter(LocalDate.now(clock))) {
            throw new RejectedException("checkedOn", "检查日期不能在将来 / the check date is in the future");
        }
        if (command.projectId() != null) {
            Project project = ledger.find(command.projectId())
                    .orElseThrow(() -> new RejectedException("projectId", "未知项目 / unknown project"));
            if (!project.townCodes().contains(command.townCode())) {
                throw new RejectedException("projectId", "项目不在该镇街 / the project is not in this town");
            }
        }
        for (NewFinding f : command.findings()) {
            if ((f.longitude() == null) != (f.latitude() == null)) {
                throw new RejectedException("findings", "经纬度须同时填写 / give both longitude and latitude or neither");
            }
        }
        long checkId = jdbc.sql("""
                insert into projects_check (kind, title, town_code, project_id, checked_on, inspectors)
                values (:k, :t, :town, :p, :d, :i) returning id""")
                .param("k", command.kind().name()).param("t", command.title().strip()).param("town", command.townCode())
                .param("p", command.projectId()).param("d", command.checkedOn()).param("i", command.inspectors().strip())
                .query(Long.class).single();
        int position = 0;
        for (ChecklistItem item : command.checklist()) {
            jdbc.sql("insert into projects_check_item (check_id, position, item, passed) values (:c, :p, :i, :ok)")
                    .param("c", checkId).param("p", position++).param("i", item.item().strip()).param("ok", item.passed())
                    .update();
        }
        List<Long> ids = new ArrayList<>();
        for (NewFinding f : command.findings()) {
            long id = jdbc.sql("""
                    insert into projects_finding (check_id, project_id, town_code, description, longitude, latitude)
                    values (:c, :p, :t, :d, :lon, :lat) returning id""")
                    .param("c", checkId).param("p", command.projectId()).param("t", command.townCode())
                    .param("d", f.description().strip()).param("lon", f.longitude()).param("lat", f.latitude())
                    .query(Long.class).single();
            ids.add(id);
            // rectification is tracked as a case (小类 工程质量安全); FindingRectification closes the loop
            events.publishEvent(new org.townbrain.cases.CaseRequested("PROJECT_QUALITY_CHECK", command.townCode(),
                    org.townbrain.cases.CaseRequested.Reason.CONSTRUCTION_QUALITY,
                    f.description().strip(), f.longitude(), f.latitude(), FindingRectification.REF_PREFIX + id));
        }
        return new Recorded(checkId, ids);
    }

    @Transactional(readOnly = true)
    List<Check> checks(LocalDate from, LocalDate to, int limit) {
        Scope scope = permissions.scope();
        return jdbc.sql("""
                select c.id, c.kind, c.title, c.town_code, c.project_id, c.checked_on, c.inspectors,
                       (select count(*) from projects_finding f where f.check_id = c.id),
                       (select count(*) from projects_finding f where f.check_id = c.id and f.rectified)
                from projects_check c where c.checked_on between :f and :t order by c.checked_on desc, c.id desc""")
                .param("f", from).param("t", to)
                .query((rs, n) -> new Check(rs.getLong(1), Kind.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4),
                        (Long) rs.getObject(5), rs.getObject(6, LocalDate.class), rs.getString(7), rs.getInt(8), rs.getInt(9)))
                .stream().filter(c -> scope.coversTown(c.townCode())).limit(limit).toList();
    }

    @Transactional(readOnly = true)
    List<Finding> findings(long checkId) {
        Scope scope = permissions.scope();
        return jdbc.sql("""
                select id, check_id, project_id, town_code, description, longitude, latitude, rectified
                from projects_finding where check_id = :c order by id""").param("c", checkId)
                .query((rs, n) -> new Finding(rs.getLong(1), rs.getLong(2), (Long) rs.getObject(3), rs.getString(4),
                        rs.getString(5), (Double) rs.getObject(6), (Double) rs.getObject(7), rs.getBoolean(8)))
                .stream().filter(f -> scope.coversTown(f.townCode())).toList();
    }
}
