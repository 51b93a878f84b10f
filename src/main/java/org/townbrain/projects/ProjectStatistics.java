package org.townbrain.projects;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.townbrain.region.Cluster;
import org.townbrain.region.Regions;
import org.townbrain.region.Town;

/**
 * The projects module's read API for other modules (cockpit, evaluation) and its own pages:
 * service figures and investment completion per town, cluster and period. Callers pass the towns
 * they may see; this class applies no jurisdiction of its own. A cluster project's investment is
 * shared equally among its towns, so per-town figures add up to the county's.
 */
@Service
@Transactional(readOnly = true)
public class ProjectStatistics {

    private final JdbcClient jdbc;
    private final Regions regions;

    ProjectStatistics(JdbcClient jdbc, Regions regions) {
        this.jdbc = jdbc;
        this.regions = regions;
    }

    /** The town's projects running at some time in the year (cluster projects included), with their milestones. */
    public List<TownProject> townProjects(String townCode, int year) {
        Map<Long, List<TownProject.Milestone>> milestones = new java.util.HashMap<>();
        jdbc.sql("""
                select m.project_id, m.name, m.due_date, m.done_date from projects_milestone m
                join projects_project_town t on t.project_id = m.project_id where t.town_code = :town order by m.due_date, m.id""")
                .param("town", townCode)
                .query(rs -> {
                    milestones.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new TownProject.Milestone(
                            rs.getString(2), rs.getObject(3, LocalDate.class), rs.getObject(4, LocalDate.class)));
                });
        return jdbc.sql("""
                select p.id, p.name, p.dimension, p.category, p.status, p.budget, p.start_date, p.end_date
                from projects_project p join projects_project_town t on t.project_id = p.id
                where t.town_code = :town and p.start_date <= :last and p.end_date >= :first
                order by p.dimension, p.end_date, p.id""")
                .param("town", townCode).param("first", LocalDate.of(year, 1, 1)).param("last", LocalDate.of(year, 12, 31))
                .query((rs, n) -> new TownProject(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getBigDecimal(6), rs.getObject(7, LocalDate.class), rs.getObject(8, LocalDate.class),
                        milestones.getOrDefault(rs.getLong(1), List.of())))
                .list();
    }

    /** The figures of the whole county for the period (both dates included). */
    public ServiceFigures county(LocalDate from, LocalDate to) {
        return figures(from, to, regions.towns().stream().map(Town::code).collect(Collectors.toSet()));
    }

    /** The figures of the given towns for the period (both dates included). */
    public ServiceFigures figures(LocalDate from, LocalDate to, Set<String> townCodes) {
        requireOrder(from, to);
        if (townCodes.isEmpty()) {
            return new ServiceFigures(0, 0, 0, 0, 0, 0, 0, BigDecimal.ZERO, BigDecimal.ZERO);
        }
        long visits = count("select coalesce(sum(person_times), 0) from projects_expert_visit where visited_on between :f and :t and town_code in (:towns)", from, to, townCodes);
        long checks = count("select count(*) from projects_check where checked_on between :f and :t and town_code in (:towns)", from, to, townCodes);
        long found = count("""
                select count(*) from projects_finding f join projects_check c on c.id = f.check_id
                where c.checked_on between :f and :t and c.town_code in (:towns)""", from, to, townCodes);
        long rectified = count("""
                select count(*) from projects_finding f join projects_check c on c.id = f.check_id
                where c.checked_on between :f and :t and c.town_code in (:towns) and f.rectified""", from, to, townCodes);
        long seminars = count("select count(*) from projects_seminar where held_on between :f and :t and town_code in (:towns)", from, to, townCodes);
        long reviews = count("select count(*) from projects_review_round where held_on between :f and :t and town_code in (:towns)", from, to, townCodes);
        Set<String> checked = new HashSet<>(jdbc.sql(
                "select distinct town_code from projects_check where checked_on between :f and :t and town_code in (:towns)")
                .param("f", from).param("t", to).param("towns", townCodes).query(String.class).list());
        Set<String> creating = regions.towns().stream().filter(Town::inProgramme).map(Town::code)
                .filter(townCodes::contains).collect(Collectors.toSet());
        InvestmentFigures investment = investment(from, to, townCodes);
        return new ServiceFigures(visits, checks, found, rectified, Coverage.of(checked, creating).ratio(), seminars, reviews,
                investment.planned(), investment.actual());
    }

    /** Investment planned and actual in the period for the given towns together. */
    public InvestmentFigures investment(LocalDate from, LocalDate to, Set<String> townCodes) {
        Map<String, InvestmentFigures> byTown = investmentByTown(from, to);
        BigDecimal planned = BigDecimal.ZERO;
        BigDecimal actual = BigDecimal.ZERO;
        for (String code : townCodes) {
            InvestmentFigures f = byTown.get(code);
            if (f != null) {
                planned = planned.add(f.planned());
                actual = actual.add(f.actual());
            }
        }
        int projects = townCodes.isEmpty() ? 0 : jdbc.sql("""
                select count(distinct project_id) from projects_project_town where town_code in (:towns)""")
                .param("towns", townCodes).query(Integer.class).single();
        return InvestmentFigures.of("", planned, actual, projects);
    }

    /**
     * Investment planned and actual in the period for several groups of towns at once (a county's
     * clusters and towns, say), keyed like {@code groups}: the same figures as
     * {@link #investment(LocalDate, LocalDate, Set)} per group, in two queries whatever the number of groups.
     */
    public Map<String, InvestmentFigures> investmentOfGroups(LocalDate from, LocalDate to,
            Map<String, ? extends java.util.Collection<String>> groups) {
        Map<String, InvestmentFigures> byTown = investmentByTown(from, to);
        Set<String> all = new HashSet<>();
        groups.values().forEach(all::addAll);
        Map<String, List<Long>> projectsOfTown = new HashMap<>();
        if (!all.isEmpty()) {
            jdbc.sql("select town_code, project_id from projects_project_town where town_code in (:towns)")
                    .param("towns", all).query(rs -> {
                        projectsOfTown.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getLong(2));
                    });
        }
        Map<String, InvestmentFigures> result = new LinkedHashMap<>();
        groups.forEach((key, towns) -> {
            BigDecimal planned = BigDecimal.ZERO;
            BigDecimal actual = BigDecimal.ZERO;
            Set<Long> projects = new HashSet<>();
            for (String code : towns) {
                InvestmentFigures f = byTown.get(code);
                if (f != null) {
                    planned = planned.add(f.planned());
                    actual = actual.add(f.actual());
                }
                projects.addAll(projectsOfTown.getOrDefault(code, List.of()));
            }
            result.put(key, InvestmentFigures.of(key, planned, actual, projects.size()));
        });
        return result;
    }

    /** Investment per town (by town code) in the period; towns without projects are absent. */
    public Map<String, InvestmentFigures> investmentByTown(LocalDate from, LocalDate to) {
        requireOrder(from, to);
        Map<String, InvestmentFigures> result = new LinkedHashMap<>();
        jdbc.sql("""
                with share as (
                    select project_id, town_code, 1.0 / count(*) over (partition by project_id) as part
                    from projects_project_town)
                select s.town_code, coalesce(sum(i.planned * s.part), 0), coalesce(sum(i.actual * s.part), 0),
                       count(distinct s.project_id)
                from share s left join projects_investment i on i.project_id = s.project_id and i.month between :f and :t
                group by s.town_code order by s.town_code""")
                .param("f", from.withDayOfMonth(1)).param("t", to)
                .query(rs -> {
                    result.put(rs.getString(1), InvestmentFigures.of(rs.getString(1), rs.getBigDecimal(2), rs.getBigDecimal(3),
                            rs.getInt(4)));
                });
        return result;
    }

    /** Investment per cluster (keyed by cluster id) in the period, in the region's cluster order. */
    public List<InvestmentFigures> investmentByCluster(LocalDate from, LocalDate to) {
        Map<String, InvestmentFigures> byTown = investmentByTown(from, to);
        List<InvestmentFigures> result = new ArrayList<>();
        for (Cluster cluster : regions.clusters()) {
            BigDecimal planned = BigDecimal.ZERO;
            BigDecimal actual = BigDecimal.ZERO;
            for (String code : cluster.memberTownCodes()) {
                InvestmentFigures f = byTown.get(code);
                if (f != null) {
                    planned = planned.add(f.planned());
                    actual = actual.add(f.actual());
                }
            }
            int projects = jdbc.sql("select count(distinct project_id) from projects_project_town where town_code in (:towns)")
                    .param("towns", cluster.memberTownCodes().isEmpty() ? List.of("-") : cluster.memberTownCodes())
                    .query(Integer.class).single();
            result.add(InvestmentFigures.of(String.valueOf(cluster.id()), planned, actual, projects));
        }
        return result;
    }

    /** Investment per dimension (五美) in the period for the given towns, in the dimensions' order. */
    public List<InvestmentFigures> investmentByDimension(LocalDate from, LocalDate to, Set<String> townCodes) {
        requireOrder(from, to);
        Map<String, InvestmentFigures> found = new LinkedHashMap<>();
        if (!townCodes.isEmpty()) {
            jdbc.sql("""
                    with share as (
                        select project_id, town_code, 1.0 / count(*) over (partition by project_id) as part
                        from projects_project_town)
                    select p.dimension, coalesce(sum(i.planned * s.part), 0), coalesce(sum(i.actual * s.part), 0),
                           count(distinct p.id)
                    from share s join projects_project p on p.id = s.project_id
                    left join projects_investment i on i.project_id = s.project_id and i.month between :f and :t
                    where s.town_code in (:towns) group by p.dimension""")
                    .param("f", from.withDayOfMonth(1)).param("t", to).param("towns", townCodes)
                    .query(rs -> {
                        found.put(rs.getString(1), InvestmentFigures.of(rs.getString(1), rs.getBigDecimal(2),
                                rs.getBigDecimal(3), rs.getInt(4)));
                    });
        }
        List<InvestmentFigures> result = new ArrayList<>();
        for (Dimension d : Dimension.values()) {
            result.add(found.getOrDefault(d.name(), InvestmentFigures.of(d.name(), BigDecimal.ZERO, BigDecimal.ZERO, 0)));
        }
        return result;
    }

    /** Service figures per town for the period, for the given towns, keyed by town code (one grouped query per figure). */
    public Map<String, ServiceFigures> figuresByTown(LocalDate from, LocalDate to, Set<String> townCodes) {
        requireOrder(from, to);
        Map<String, ServiceFigures> result = new LinkedHashMap<>();
        if (townCodes.isEmpty()) {
            return result;
        }
        Map<String, Long> visits = grouped("select town_code, sum(person_times) from projects_expert_visit where visited_on between :f and :t and town_code in (:towns) group by 1", from, to, townCodes);
        Map<String, Long> checks = grouped("select town_code, count(*) from projects_check where checked_on between :f and :t and town_code in (:towns) group by 1", from, to, townCodes);
        Map<String, Long> found = grouped("""
                select c.town_code, count(*) from projects_finding f join projects_check c on c.id = f.check_id
                where c.checked_on between :f and :t and c.town_code in (:towns) group by 1""", from, to, townCodes);
        Map<String, Long> rectified = grouped("""
                select c.town_code, count(*) from projects_finding f join projects_check c on c.id = f.check_id
                where c.checked_on between :f and :t and c.town_code in (:towns) and f.rectified group by 1""", from, to, townCodes);
        Map<String, Long> seminars = grouped("select town_code, count(*) from projects_seminar where held_on between :f and :t and town_code in (:towns) group by 1", from, to, townCodes);
        Map<String, Long> reviews = grouped("select town_code, count(*) from projects_review_round where held_on between :f and :t and town_code in (:towns) group by 1", from, to, townCodes);
        Map<String, InvestmentFigures> investment = investmentByTown(from, to);
        for (Town town : regions.towns()) {
            String code = town.code();
            if (!townCodes.contains(code)) {
                continue;
            }
            double coverage = town.inProgramme() && checks.getOrDefault(code, 0L) > 0 ? 1.0 : 0.0;
            InvestmentFigures money = investment.getOrDefault(code, InvestmentFigures.of(code, BigDecimal.ZERO, BigDecimal.ZERO, 0));
            result.put(code, new ServiceFigures(visits.getOrDefault(code, 0L), checks.getOrDefault(code, 0L),
                    found.getOrDefault(code, 0L), rectified.getOrDefault(code, 0L), coverage, seminars.getOrDefault(code, 0L),
                    reviews.getOrDefault(code, 0L), money.planned(), money.actual()));
        }
        return result;
    }

    private Map<String, Long> grouped(String sql, LocalDate from, LocalDate to, Set<String> towns) {
        Map<String, Long> result = new HashMap<>();
        jdbc.sql(sql).param("f", from).param("t", to).param("towns", towns)
                .query(rs -> {
                    result.put(rs.getString(1), rs.getLong(2));
                });
        return result;
    }

    private long count(String sql, LocalDate from, LocalDate to, Set<String> towns) {
        return jdbc.sql(sql).param("f", from).param("t", to).param("towns", towns).query(Long.class).single();
    }

    private static void requireOrder(LocalDate from, LocalDate to) {
        if (from == null || to == null || to.isBefore(from)) {
            throw new IllegalArgumentException("The period must end on or after its start");
        }
    }
}
