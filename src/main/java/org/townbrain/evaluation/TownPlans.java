package org.townbrain.evaluation;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.townbrain.platform.errors.ConflictException;
import org.townbrain.platform.errors.NotFoundException;
import org.townbrain.platform.errors.RejectedException;
import org.townbrain.platform.scope.OutOfScopeException;
import org.townbrain.platform.scope.ScopeProvider;
import org.townbrain.projects.ProjectStatistics;
import org.townbrain.projects.TownProject;
import org.townbrain.region.Regions;
import org.townbrain.region.Tier;
import org.townbrain.region.Town;
import org.townbrain.region.TownType;

/**
 * 一镇一策 as a document, per town and year: its type and tier, its weak indicators (the gaps to
 * the next tier), the projects that address them (same dimension), the funding (基础 + 奖补 from
 * the allocation) and the reward conditions, and the parts the county writes — tasks,
 * responsible units, milestones, conditions. Until the county saves it, those parts are drafted
 * from the data; each save is a new version (a stale one is refused with 409), and all are kept.
 * Town staff read only their own town's.
 */
@Service
class TownPlans {

    record Weak(String code, String name, String dimension, double needed, Double actual) {
    }

    record Written(String tasks, String units, String milestones, String conditions, int version, String updatedBy,
            Instant updatedAt) implements java.io.Serializable {

        /** The lines of a text part, blank lines left out. */
        public static List<String> lines(String text) {
            return text == null ? List.of() : text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        }
    }

    record Plan(int year, Town town, String typeName, Tier tier, Double score, List<Weak> weak,
            Map<String, List<TownProject>> projectsByDimension, List<TownProject> otherProjects,
            Allocation.TownAllocation funding, List<FundingPolicy.Reward> rewards, String townPolicyNote,
            Written written, boolean drafted) {
    }

    private final JdbcClient jdbc;
    private final Regions regions;
    private final Evaluations evaluations;
    private final CatalogueRepository catalogues;
    private final Funding funding;
    private final ProjectStatistics projects;
    private final ScopeProvider scopes;
    private final MessageSource messages;
    private final Clock clock;

    TownPlans(JdbcClient jdbc, Regions regions, Evaluations evaluations, CatalogueRepository catalogues, Funding funding,
            ProjectStatistics projects, ScopeProvider scopes, MessageSource messages, Clock clock) {
        this.jdbc = jdbc;
        this.regions = regions;
        this.evaluations = evaluations;
        this.catalogues = catalogues;
        this.funding = funding;
        this.projects = projects;
        this.scopes = scopes;
        this.messages = messages;
        this.clock = clock;
    }

    /** The towns whose documents the caller may read. */
    List<Town> towns() {
        var scope = scopes.current();
        return regions.towns().stream().filter(Town::inProgramme).filter(t -> scope.coversWholeTown(t.code())).toList();
    }

    Plan plan(String townCode, int year) {
        Town town = regions.town(townCode).orElseThrow(() -> new NotFoundException("town " + townCode));
        if (!scopes.current().coversWholeTown(townCode)) {
            throw new OutOfScopeException("town " + townCode);
        }
        if (catalogues.find(year).isEmpty()) {
            throw new NotFoundException("catalogue " + year);
        }
        String typeName = regions.townTypes().stream().filter(t -> t.code().equals(town.type())).findFirst()
                .map(t -> LocaleContextHolder.getLocale().getLanguage().equals("en") ? t.nameEn() : t.nameZh())
                .orElse("—");
        Optional<TownResult> result = evaluations.result(townCode, year);
        Map<String, Indicator> indicators = catalogues.find(year).map(Catalogue::byCode).orElse(Map.of());
        Map<String, String> names = evaluations.indicatorNames(year);
        List<Weak> weak = new ArrayList<>();
        result.ifPresent(r -> r.gaps().forEach(g -> {
            Indicator indicator = indicators.get(g.indicator());
            String name = names.getOrDefault(g.indicator(),
                    messages.getMessage("evaluation.plan.gap." + g.indicator(), null, g.indicator(), LocaleContextHolder.getLocale()));
            weak.add(new Weak(g.indicator(), name, indicator == null ? null : indicator.dimension().name(), g.needed(), g.actual()));
        }));
        Set<String> weakDimensions = weak.stream().map(Weak::dimension).filter(d -> d != null).collect(Collectors.toSet());
        Map<String, List<TownProject>> byDimension = new LinkedHashMap<>();
        List<TownProject> other = new ArrayList<>();
        for (TownProject p : projects.townProjects(townCode, year)) {
            if (weakDimensions.contains(p.dimension())) {
                byDimension.computeIfAbsent(p.dimension(), k -> new ArrayList<>()).add(p);
            } else {
                other.add(p);
            }
        }
        Allocation.TownAllocation money = null;
        List<FundingPolicy.Reward> rewards = List.of();
        String note = null;
        Optional<FundingPolicy> policy = funding.policy(year);
        if (policy.isPresent()) {
            money = funding.allocate(year).towns().stream().filter(t -> t.townCode().equals(townCode)).findFirst().orElse(null);
            rewards = policy.get().rewards();
            note = policy.get().towns().stream().filter(t -> t.townCode().equals(townCode)).map(FundingPolicy.TownPolicy::note)
                    .filter(n -> n != null && !n.isBlank()).findFirst().orElse(null);
        }
        Optional<Written> stored = written(townCode, year);
        Written written = stored.orElseGet(() -> draft(town, year, weak, byDimension));
        return new Plan(year, town, typeName, result.map(TownResult::tier).orElse(null),
                result.map(TownResult::score).orElse(null), weak, byDimension, other, money, rewards, note, written,
                stored.isEmpty());
    }

    Optional<Written> written(String townCode, int year) {
        return jdbc.sql("""
                select tasks, units, milestones, conditions, version, updated_by, updated_at from evaluation_town_plan
                where town_code = :t and year = :y""")
                .param("t", townCode).param("y", year)
                .query((rs, n) -> new Written(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5),
                        rs.getString(6), rs.getTimestamp(7).toInstant()))
                .optional();
    }

    /** The parts the county writes, drafted from the data: a task per weak indicator, units, milestones from the projects. */
    private Written draft(Town town, int year, List<Weak> weak, Map<String, List<TownProject>> byDimension) {
        var locale = LocaleContextHolder.getLocale();
        List<String> tasks = new ArrayList<>();
        for (Weak w : weak) {
            tasks.add(messages.getMessage("evaluation.plan.draft.task", new Object[] {w.name(), number(w.needed())}, locale));
        }
        if (tasks.isEmpty()) {
            tasks.add(messages.getMessage("evaluation.plan.draft.keep", null, locale));
        }
        String units = messages.getMessage("evaluation.plan.draft.units", new Object[] {town.name()}, locale);
        List<String> milestones = new ArrayList<>();
        byDimension.values().stream().flatMap(List::stream).forEach(p -> p.milestones().stream()
                .filter(m -> m.due().getYear() == year).forEach(m -> milestones.add(m.due() + " " + p.name() + "：" + m.name())));
        milestones.add(LocalDate.of(year, 6, 30) + " " + messages.getMessage("evaluation.plan.draft.midyear", null, locale));
        milestones.add(LocalDate.of(year, 11, 30) + " " + messages.getMessage("evaluation.plan.draft.assessment", null, locale));
        String conditions = messages.getMessage("evaluation.plan.draft.conditions", null, locale);
        return new Written(String.join("\n", tasks), units, String.join("\n", milestones.stream().sorted().toList()), conditions,
                0, null, null);
    }

    private static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.format(java.util.Locale.ROOT, "%.1f", value);
    }

    /**
     * Saves the county's text as the next version; {@code version} is the one the editor started
     * from (0 for the draft). A stale version is refused with 409 and nothing is written.
     */
    @Transactional
    Written save(String townCode, int year, int version, String tasks, String units, String milestones, String conditions,
            String by) {
        if (!scopes.current().wholeCounty()) {
            throw new org.springframework.security.access.AccessDeniedException("the county writes the 一镇一策");
        }
        plan(townCode, year); // the town, the year and the caller's scope
        String t = text("tasks", tasks);
        String u = text("units", units);
        String m = text("milestones", milestones);
        String c = conditions == null ? "" : conditions.strip();
        if (c.length() > 4000) {
            throw new RejectedException("conditions", "最多 4000 字 / at most 4,000 characters");
        }
        for (String line : Written.lines(m)) {
            if (!line.matches("\\d{4}-\\d{2}-\\d{2}\\s+.+")) {
                throw new RejectedException("milestones", "每行以日期开头，如 2025-06-30 完成立面改造 / start each line with a date: " + line);
            }
        }
        Instant now = clock.instant();
        int rows;
        if (version == 0) {
            rows = jdbc.sql("""
                    insert into evaluation_town_plan (town_code, year, tasks, units, milestones, conditions, version, updated_by, updated_at)
                    values (:town, :y, :t, :u, :m, :c, 1, :by, :at) on conflict (town_code, year) do nothing""")
                    .param("town", townCode).param("y", year).param("t", t).param("u", u).param("m", m).param("c", c)
                    .param("by", by).param("at", Timestamp.from(now)).update();
        } else {
            rows = jdbc.sql("""
                    update evaluation_town_plan set tasks = :t, units = :u, milestones = :m, conditions = :c, version = version + 1,
                      updated_by = :by, updated_at = :at
                    where town_code = :town and year = :y and version = :v""")
                    .param("town", townCode).param("y", year).param("t", t).param("u", u).param("m", m).param("c", c)
                    .param("by", by).param("at", Timestamp.from(now)).param("v", version).update();
        }
        if (rows == 0) {
            throw new ConflictException("一镇一策已被他人修改，请刷新后再改 / changed by someone else meanwhile; reload");
        }
        jdbc.sql("""
                insert into evaluation_town_plan_version (town_code, year, version, tasks, units, milestones, conditions, updated_by, updated_at)
                select town_code, year, version, tasks, units, milestones, conditions, updated_by, updated_at
                from evaluation_town_plan where town_code = :town and year = :y""")
                .param("town", townCode).param("y", year).update();
        return written(townCode, year).orElseThrow();
    }

    /** How many versions were saved for the town and year. */
    int versions(String townCode, int year) {
        return jdbc.sql("select count(*) from evaluation_town_plan_version where town_code = :t and year = :y")
                .param("t", townCode).param("y", year).query(Integer.class).single();
    }

    private static String text(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new RejectedException(field, "不能为空 / must not be empty");
        }
        if (value.length() > 4000) {
            throw new RejectedException(field, "最多 4000 字 / at most 4,000 characters");
        }
        return value.strip();
    }
}
