package org.townbrain.projects;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.sql.Array;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.townbrain.platform.errors.RejectedException;
import org.townbrain.platform.scope.Scope;
import org.townbrain.region.Regions;

/**
 * Planning services (双师): chief designers and resident planners with the towns they serve,
 * on-site seminars with minutes, and scheme-review rounds with reviewers, comments and a decision.
 */
@Service
@Transactional
@org.springframework.validation.annotation.Validated
class PlanningServices {

    enum PlannerRole { CHIEF_DESIGNER, RESIDENT_PLANNER }

    enum Decision { APPROVED, REVISE, REJECTED }

    record NewPlanner(@NotBlank @Size(max = 100) String name, @NotNull PlannerRole role, @Size(max = 200) String organisation,
            @NotEmpty List<String> townCodes) {
    }

    record Planner(long id, String name, PlannerRole role, String organisation, List<String> townCodes, boolean demo) {
    }

    record NewSeminar(@NotNull Long plannerId, @NotBlank String townCode, @NotNull LocalDate heldOn,
            @NotBlank @Size(max = 300) String topic, @NotBlank @Size(max = 20000) String minutes) {
    }

    record Seminar(long id, long plannerId, String townCode, LocalDate heldOn, String topic, String minutes) {
    }

    record NewReviewRound(@NotBlank @Size(max = 300) String scheme, @NotBlank String townCode, Long projectId,
            @NotNull LocalDate heldOn, @NotBlank @Size(max = 500) String reviewers, @NotBlank @Size(max = 20000) String comments,
            @NotNull Decision decision, LocalDate nextRoundOn) {
    }

    record ReviewRound(long id, String scheme, String townCode, Long projectId, int roundNo, LocalDate heldOn,
            String reviewers, String comments, Decision decision, LocalDate nextRoundOn) {
    }

    private final JdbcClient jdbc;
    private final Regions regions;
    private final ProjectLedger ledger;
    private final Permissions permissions;
    private final Clock clock;

    PlanningServices(JdbcClient jdbc, Regions regions, ProjectLedger ledger, Permissions permissions, Clock clock) {
        this.jdbc = jdbc;
        this.regions = regions;
        this.ledger = ledger;
        this.permissions = permissions;
        this.clock = clock;
    }

    long addPlanner(@jakarta.validation.Valid NewPlanner planner) {
        permissions.require(Permissions.COUNTY, List.of());
        planner.townCodes().forEach(code -> Towns.requireKnown(regions, code, "townCodes"));
        long id = jdbc.sql("insert into projects_planner (name, role, organisation) values (:n, :r, :o) returning id")
                .param("n", planner.name().strip()).param("r", planner.role().name()).param("o", planner.organisation())
                .query(Long.class).single();
        planner.townCodes().stream().distinct().forEach(code -> jdbc.sql(
                "insert into projects_planner_town (planner_id, town_code) values (:p, :t)").param("p", id).param("t", code).update());
        return id;
    }

    @Transactional(readOnly = true)
    List<Planner> planners() {
        return jdbc.sql("""
                select p.id, p.name, p.role, p.organisation, p.demo,
                       array(select t.town_code from projects_planner_town t where t.planner_id = p.id order by 1) towns
                from projects_planner p order by p.role, p.name""")
                .query((rs, n) -> {
                    Array towns = rs.getArray("towns");
                    return new Planner(rs.getLong("id"), rs.getString("name"), PlannerRole.valueOf(rs.getString("role")),
                            rs.getString("organisation"), Arrays.asList((String[]) towns.getArray()), rs.getBoolean("demo"));
                }).list();
    }

    long recordSeminar(@jakarta.validation.Valid NewSeminar seminar) {
        Towns.requireKnown(regions, seminar.townCode(), "townCode");
        permissions.require(Permissions.SERVICES, List.of(seminar.townCode()));
        Planner planner = planners().stream().filter(p -> p.id() == seminar.plannerId()).findFirst()
                .orElseThrow(() -> new RejectedException("plannerId", "未知规划师 / unknown planner"));
        if (planner.role() == PlannerRole.RESIDENT_PLANNER && !planner.townCodes().contains(seminar.townCode())) {
            throw new RejectedException("townCode", "该驻镇规划师不服务此镇街 / this resident planner does not serve the town");
        }
        requireNotFuture(seminar.heldOn(), "heldOn");
        return jdbc.sql("""
                insert into projects_seminar (planner_id, town_code, held_on, topic, minutes)
                values (:p, :t, :d, :topic, :m) returning id""")
                .param("p", seminar.plannerId()).param("t", seminar.townCode()).param("d", seminar.heldOn())
                .param("topic", seminar.topic().strip()).param("m", seminar.minutes().strip()).query(Long.class).single();
    }

    /** Records a review round of a scheme; its number follows the scheme's previous rounds in that town. */
    long recordReview(@jakarta.validation.Valid NewReviewRound review) {
        Towns.requireKnown(regions, review.townCode(), "townCode");
        permissions.require(Permissions.SERVICES, List.of(review.townCode()));
        requireNotFuture(review.heldOn(), "heldOn");
        Towns.requireProjectInTown(ledger, review.projectId(), review.townCode());
        if (review.nextRoundOn() != null && !review.nextRoundOn().isAfter(review.heldOn())) {
            throw new RejectedException("nextRoundOn", "下一轮日期须晚于本轮 / the next round must come after this one");
        }
        if (review.decision() != Decision.REVISE && review.nextRoundOn() != null) {
            throw new RejectedException("nextRoundOn", "仅“修改后再审”需要下一轮 / only a REVISE decision has a next round");
        }
        int roundNo = jdbc.sql("select coalesce(max(round_no), 0) + 1 from projects_review_round where scheme = :s and town_code = :t")
                .param("s", review.scheme().strip()).param("t", review.townCode()).query(Integer.class).single();
        return jdbc.sql("""
                insert into projects_review_round (scheme, town_code, project_id, round_no, held_on, reviewers, comments,
                       decision, next_round_on)
                values (:s, :t, :p, :n, :d, :r, :c, :dec, :next) returning id""")
                .param("s", review.scheme().strip()).param("t", review.townCode()).param("p", review.projectId())
                .param("n", roundNo).param("d", review.heldOn()).param("r", review.reviewers().strip())
                .param("c", review.comments().strip()).param("dec", review.decision().name())
                .param("next", review.nextRoundOn()).query(Long.class).single();
    }

    @Transactional(readOnly = true)
    List<Seminar> seminars(LocalDate from, LocalDate to, int limit) {
        Scope scope = permissions.scope();
        return jdbc.sql("""
                select id, planner_id, town_code, held_on, topic, minutes from projects_seminar
                where held_on between :f and :t order by held_on desc, id desc""").param("f", from).param("t", to)
                .query((rs, n) -> new Seminar(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getObject(4, LocalDate.class),
                        rs.getString(5), rs.getString(6)))
                .stream().filter(s -> scope.coversTown(s.townCode())).limit(limit).toList();
    }

    @Transactional(readOnly = true)
    List<ReviewRound> reviews(LocalDate from, LocalDate to, int limit) {
        Scope scope = permissions.scope();
        return jdbc.sql("""
                select id, scheme, town_code, project_id, round_no, held_on, reviewers, comments, decision, next_round_on
                from projects_review_round where held_on between :f and :t order by held_on desc, id desc""")
                .param("f", from).param("t", to)
                .query((rs, n) -> new ReviewRound(rs.getLong(1), rs.getString(2), rs.getString(3), (Long) rs.getObject(4),
                        rs.getInt(5), rs.getObject(6, LocalDate.class), rs.getString(7), rs.getString(8),
                        Decision.valueOf(rs.getString(9)), rs.getObject(10, LocalDate.class)))
                .stream().filter(r -> scope.coversTown(r.townCode())).limit(limit).toList();
    }

    private void requireNotFuture(LocalDate date, String field) {
        if (date.isAfter(LocalDate.now(clock))) {
            throw new RejectedException(field, "日期不能在将来 / the date is in the future");
        }
    }
}
