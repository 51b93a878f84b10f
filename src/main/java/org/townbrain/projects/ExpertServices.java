package org.townbrain.projects;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.townbrain.platform.errors.RejectedException;
import org.townbrain.platform.scope.Scope;
import org.townbrain.region.Regions;

/** Expert service visits (专家服务): who went where, about which project and topic, how many person-times. */
@Service
@Transactional
@org.springframework.validation.annotation.Validated
class ExpertServices {

    record NewVisit(@NotBlank @Size(max = 100) String expert, @NotBlank String townCode, Long projectId,
            @NotBlank @Size(max = 300) String topic, @NotNull LocalDate visitedOn, @NotNull @Min(1) @Max(500) Integer personTimes) {
    }

    record Visit(long id, String expert, String townCode, Long projectId, String topic, LocalDate visitedOn,
            int personTimes) {
    }

    private final JdbcClient jdbc;
    private final Regions regions;
    private final ProjectLedger ledger;
    private final Permissions permissions;
    private final Clock clock;

    ExpertServices(JdbcClient jdbc, Regions regions, ProjectLedger ledger, Permissions permissions, Clock clock) {
        this.jdbc = jdbc;
        this.regions = regions;
        this.ledger = ledger;
        this.permissions = permissions;
        this.clock = clock;
    }

    long record(@jakarta.validation.Valid NewVisit visit) {
        Towns.requireKnown(regions, visit.townCode(), "townCode");
        permissions.require(Permissions.SERVICES, List.of(visit.townCode()));
        if (visit.visitedOn().isAfter(LocalDate.now(clock))) {
            throw new RejectedException("visitedOn", "日期不能在将来 / the date is in the future");
        }
        Towns.requireProjectInTown(ledger, visit.projectId(), visit.townCode());
        return jdbc.sql("""
                insert into projects_expert_visit (expert, town_code, project_id, topic, visited_on, person_times)
                values (:e, :t, :p, :topic, :d, :n) returning id""")
                .param("e", visit.expert().strip()).param("t", visit.townCode()).param("p", visit.projectId())
                .param("topic", visit.topic().strip()).param("d", visit.visitedOn()).param("n", visit.personTimes())
                .query(Long.class).single();
    }

    @Transactional(readOnly = true)
    List<Visit> visits(LocalDate from, LocalDate to, int limit) {
        Scope scope = permissions.scope();
        return jdbc.sql("""
                select id, expert, town_code, project_id, topic, visited_on, person_times from projects_expert_visit
                where visited_on between :f and :t order by visited_on desc, id desc""").param("f", from).param("t", to)
                .query((rs, n) -> new Visit(rs.getLong(1), rs.getString(2), rs.getString(3), (Long) rs.getObject(4),
                        rs.getString(5), rs.getObject(6, LocalDate.class), rs.getInt(7)))
                .stream().filter(v -> scope.coversTown(v.townCode())).limit(limit).toList();
    }
}
