package org.townbrain.projects;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.townbrain.platform.errors.ConflictException;
import org.townbrain.platform.errors.NotFoundException;
import org.townbrain.platform.errors.RejectedException;
import org.townbrain.projects.RatingPolicy.Scores;

/**
 * Construction and supervision firms, their assessment per inspection, and the rolling ratings,
 * ranking and watch list that follow from the county's weights (data, editable by the county).
 */
@Service
@Transactional
@org.springframework.validation.annotation.Validated
class Enterprises {

    private final JdbcClient jdbc;
    private final ProjectLedger ledger;
    private final Permissions permissions;
    private final ProjectsProperties properties;
    private final Clock clock;

    Enterprises(JdbcClient jdbc, ProjectLedger ledger, Permissions permissions, ProjectsProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.permissions = permissions;
        this.properties = properties;
        this.clock = clock;
    }

    record NewEnterprise(@NotBlank String uscc, @NotBlank @Size(max = 200) String name, @NotNull EnterpriseKind kind) {
    }

    record NewAssessment(@NotNull Long enterpriseId, @NotNull Long projectId, @NotNull LocalDate inspectedOn,
            @NotNull @DecimalMin("0") @DecimalMax("100") BigDecimal quality,
            @NotNull @DecimalMin("0") @DecimalMax("100") BigDecimal progress,
            @NotNull @DecimalMin("0") @DecimalMax("100") BigDecimal civilised, @Size(max = 500) String note) {
    }

    record Enterprise(long id, String uscc, String name, EnterpriseKind kind, boolean demo) {
    }

    /** A firm's standing: rating over the window (null with no inspections), rank among rated firms, watch flag. */
    record FirmRating(Enterprise enterprise, Double rating, int inspections, Integer rank, boolean watched) {
    }

    long register(@jakarta.validation.Valid NewEnterprise command) {
        permissions.require(Permissions.COUNTY, List.of());
        Uscc uscc;
        try {
            uscc = Uscc.parse(command.uscc());
        } catch (IllegalArgumentException e) {
            throw new RejectedException("uscc", "统一社会信用代码无效（校验码不符） / not a valid unified social credit code");
        }
        boolean exists = jdbc.sql("select count(*) from projects_enterprise where uscc = :u").param("u", uscc.value())
                .query(Integer.class).single() > 0;
        if (exists) {
            throw new ConflictException("该统一社会信用代码已登记 / a firm with this code is already registered");
        }
        return jdbc.sql("insert into projects_enterprise (uscc, name, kind) values (:u, :n, :k) returning id")
                .param("u", uscc.value()).param("n", command.name().strip()).param("k", command.kind().name())
                .query(Long.class).single();
    }

    @Transactional(readOnly = true)
    List<Enterprise> all() {
        return jdbc.sql("select id, uscc, name, kind, demo from projects_enterprise order by kind, name")
                .query((rs, n) -> new Enterprise(rs.getLong(1), rs.getString(2), rs.getString(3),
                        EnterpriseKind.valueOf(rs.getString(4)), rs.getBoolean(5))).list();
    }

    long assess(@jakarta.validation.Valid NewAssessment command) {
        boolean known = jdbc.sql("select count(*) from projects_enterprise where id = :id").param("id", command.enterpriseId())
                .query(Integer.class).single() > 0;
        if (!known) {
            throw new RejectedException("enterpriseId", "未知企业 / unknown firm");
        }
        Project project = ledger.find(command.projectId())
                .orElseThrow(() -> new RejectedException("projectId", "未知项目 / unknown project"));
        permissions.require(Permissions.CHECKS, project.townCodes());
        if (command.inspectedOn().isAfter(LocalDate.now(clock))) {
            throw new RejectedException("inspectedOn", "检查日期不能在将来 / the inspection date is in the future");
        }
        return jdbc.sql("""
                insert into projects_assessment (enterprise_id, project_id, inspected_on, quality, progress, civilised, note)
                values (:e, :p, :d, :q, :pr, :c, :n) returning id""")
                .param("e", command.enterpriseId()).param("p", command.projectId()).param("d", command.inspectedOn())
                .param("q", command.quality()).param("pr", command.progress()).param("c", command.civilised())
                .param("n", command.note()).query(Long.class).single();
    }

    @Transactional(readOnly = true)
    RatingPolicy policy() {
        Map<Criterion, BigDecimal> weights = new EnumMap<>(Criterion.class);
        jdbc.sql("select criterion, weight from projects_assessment_weight")
                .query(rs -> {
                    weights.put(Criterion.valueOf(rs.getString(1)), rs.getBigDecimal(2));
                });
        return new RatingPolicy(weights, properties.watchThreshold());
    }

    void changeWeights(Map<Criterion, BigDecimal> weights) {
        permissions.require(Permissions.COUNTY, List.of());
        try {
            new RatingPolicy(weights, properties.watchThreshold());
        } catch (IllegalArgumentException e) {
            throw new RejectedException("weights", "权重须为非负数且至少一项大于零 / weights must be ≥ 0 and not all zero");
        }
        weights.forEach((criterion, weight) -> jdbc.sql(
                "update projects_assessment_weight set weight = :w, assumed = false where criterion = :c")
                .param("w", weight).param("c", criterion.name()).update());
    }

    /** Every firm with its rating over the window ending today, best first; unrated firms last. */
    @Transactional(readOnly = true)
    List<FirmRating> ranking() {
        LocalDate today = LocalDate.now(clock);
        LocalDate from = today.minusMonths(properties.ratingWindowMonths());
        return ranking(from, today);
    }

    @Transactional(readOnly = true)
    List<FirmRating> ranking(LocalDate from, LocalDate to) {
        RatingPolicy policy = policy();
        Map<Long, List<Scores>> scores = new HashMap<>();
        jdbc.sql("select enterprise_id, quality, progress, civilised from projects_assessment where inspected_on between :f and :t")
                .param("f", from).param("t", to)
                .query(rs -> {
                    scores.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                            .add(new Scores(rs.getBigDecimal(2), rs.getBigDecimal(3), rs.getBigDecimal(4)));
                });
        List<FirmRating> rated = new ArrayList<>();
        for (Enterprise e : all()) {
            List<Scores> own = scores.getOrDefault(e.id(), List.of());
            OptionalDouble rating = policy.rating(own);
            rated.add(new FirmRating(e, rating.isPresent() ? Math.round(rating.getAsDouble() * 100) / 100.0 : null,
                    own.size(), null, rating.isPresent() && policy.watched(rating.getAsDouble())));
        }
        rated.sort(Comparator.comparing((FirmRating r) -> r.rating() == null)
                .thenComparing(r -> r.rating() == null ? 0 : -r.rating()));
        List<FirmRating> ranked = new ArrayList<>();
        int rank = 0;
        for (FirmRating r : rated) {
            ranked.add(r.rating() == null ? r : new FirmRating(r.enterprise(), r.rating(), r.inspections(), ++rank, r.watched()));
        }
        return ranked;
    }

    Enterprise get(long id) {
        return all().stream().filter(e -> e.id() == id).findFirst().orElseThrow(() -> new NotFoundException("firm"));
    }
}
