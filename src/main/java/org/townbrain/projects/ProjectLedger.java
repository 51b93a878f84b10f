package org.townbrain.projects;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.townbrain.platform.errors.ConflictException;
import org.townbrain.platform.errors.NotFoundException;
import org.townbrain.platform.errors.RejectedException;
import org.townbrain.platform.scope.OutOfScopeException;
import org.townbrain.platform.scope.Scope;
import org.townbrain.projects.ProjectCommands.MonthlyInvestment;
import org.townbrain.projects.ProjectCommands.NewMilestone;
import org.townbrain.projects.ProjectCommands.NewProject;
import org.townbrain.projects.ProjectCommands.ProjectChange;
import org.townbrain.projects.ProjectCommands.ProjectDetails;
import org.townbrain.region.Regions;

/**
 * The project ledger: projects of one town or of several (cluster projects), their monthly
 * investment against plan and milestones. Every read is limited to projects that touch a town
 * in the caller's scope; every write needs a ledger role covering all of the project's towns.
 */
@Service
@Transactional
@org.springframework.validation.annotation.Validated
class ProjectLedger {

    static final String SELECT = """
            select p.id, p.name, p.dimension, p.category, p.budget, p.status, p.start_date, p.end_date, p.longitude,
                   p.latitude, p.construction_firm_id, p.supervision_firm_id, p.demo, p.version,
                   array(select t.town_code from projects_project_town t where t.project_id = p.id order by t.town_code) towns,
                   coalesce((select sum(i.planned) from projects_investment i where i.project_id = p.id), 0) planned,
                   coalesce((select sum(i.actual) from projects_investment i where i.project_id = p.id), 0) actual
            from projects_project p
            """;

    private final JdbcClient jdbc;
    private final Regions regions;
    private final Permissions permissions;

    ProjectLedger(JdbcClient jdbc, Regions regions, Permissions permissions) {
        this.jdbc = jdbc;
        this.regions = regions;
        this.permissions = permissions;
    }

    record Filter(String townCode, Long clusterId, Dimension dimension, ProjectStatus status) {
        static Filter none() {
            return new Filter(null, null, null, null);
        }
    }

    record Milestone(long id, String name, LocalDate dueDate, LocalDate doneDate) {
    }

    record Investment(YearMonth month, BigDecimal planned, BigDecimal actual) {
    }

    @Transactional(readOnly = true)
    List<Project> list(Filter filter) {
        Scope scope = permissions.scope();
        StringBuilder sql = new StringBuilder(SELECT).append(" where exists (select 1 from projects_project_town t where t.project_id = p.id and t.town_code in (:towns))");
        Set<String> towns = visibleTowns(scope, filter);
        if (towns.isEmpty()) {
            return List.of();
        }
        if (filter.dimension() != null) {
            sql.append(" and p.dimension = :dimension");
        }
        if (filter.status() != null) {
            sql.append(" and p.status = :status");
        }
        sql.append(" order by p.start_date desc, p.id desc");
        JdbcClient.StatementSpec spec = jdbc.sql(sql.toString()).param("towns", towns);
        if (filter.dimension() != null) {
            spec = spec.param("dimension", filter.dimension().name());
        }
        if (filter.status() != null) {
            spec = spec.param("status", filter.status().name());
        }
        return spec.query(ProjectLedger::project).list();
    }

    /** The towns a listing may show: the caller's scope, narrowed by the town or cluster asked for. */
    Set<String> visibleTowns(Scope scope, Filter filter) {
        Set<String> towns = new LinkedHashSet<>();
        regions.towns().forEach(t -> {
            if (scope.coversTown(t.code())) {
                towns.add(t.code());
            }
        });
        if (filter.townCode() != null) {
            towns.retainAll(Set.of(filter.townCode()));
        }
        if (filter.clusterId() != null) {
            towns.retainAll(regions.townCodesOfCluster(filter.clusterId()));
        }
        return towns;
    }

    @Transactional(readOnly = true)
    Project get(long id) {
        Project project = jdbc.sql(SELECT + " where p.id = :id").param("id", id).query(ProjectLedger::project).optional()
                .orElseThrow(() -> new NotFoundException("project"));
        Scope scope = permissions.scope();
        if (project.townCodes().stream().noneMatch(scope::coversTown)) {
            throw new OutOfScopeException("project");
        }
        return project;
    }

    Optional<Project> find(long id) {
        return jdbc.sql(SELECT + " where p.id = :id").param("id", id).query(ProjectLedger::project).optional();
    }

    long create(@jakarta.validation.Valid NewProject command) {
        List<String> towns = ownableTowns(command.townCodes());
        if (command.endDate().isBefore(command.startDate())) {
            throw new RejectedException("endDate", "完工日期早于开工日期 / the end date is before the start date");
        }
        if ((command.longitude() == null) != (command.latitude() == null)) {
            throw new RejectedException("longitude", "经纬度须同时填写 / give both longitude and latitude or neither");
        }
        requireFirm(command.constructionFirmId(), EnterpriseKind.CONSTRUCTION, "constructionFirmId");
        requireFirm(command.supervisionFirmId(), EnterpriseKind.SUPERVISION, "supervisionFirmId");
        long id = jdbc.sql("""
                insert into projects_project (name, dimension, category, budget, status, start_date, end_date, longitude,
                       latitude, construction_firm_id, supervision_firm_id)
                values (:name, :dimension, :category, :budget, 'PLANNED', :start, :end, :lon, :lat, :cf, :sf) returning id""")
                .param("name", command.name().strip()).param("dimension", command.dimension().name())
                .param("category", command.category().strip()).param("budget", command.budget())
                .param("start", command.startDate()).param("end", command.endDate())
                .param("lon", command.longitude()).param("lat", command.latitude())
                .param("cf", command.constructionFirmId()).param("sf", command.supervisionFirmId())
                .query(Long.class).single();
        for (String code : towns) {
            jdbc.sql("insert into projects_project_town (project_id, town_code) values (:p, :t)").param("p", id)
                    .param("t", code).update();
        }
        return id;
    }

    void change(long id, @jakarta.validation.Valid ProjectChange change) {
        Project project = writable(id);
        if (change.endDate().isBefore(project.startDate())) {
            throw new RejectedException("endDate", "完工日期早于开工日期 / the end date is before the start date");
        }
        if (change.budget().compareTo(plannedTotal(id)) < 0) {
            throw new RejectedException("budget", "预算低于已计划投资 / the budget is below the investment already planned");
        }
        bump(id, change.version(), """
                update projects_project set status = :status, budget = :budget, end_date = :end, version = version + 1
                where id = :id and version = :v""", spec -> spec.param("status", change.status().name())
                .param("budget", change.budget()).param("end", change.endDate()));
    }

    /**
     * Corrects the description of a project: name, dimension, category, start, location, firms
     * and, when given, its towns. Changing the towns needs the ledger right over the old towns
     * and the new ones alike, so nobody moves a project out of someone else's reach or into it.
     */
    void edit(long id, @jakarta.validation.Valid ProjectDetails details) {
        Project project = writable(id);
        List<String> towns = details.townCodes() == null ? null : ownableTowns(details.townCodes());
        if (project.endDate().isBefore(details.startDate())) {
            throw new RejectedException("startDate", "开工日期晚于完工日期 / the start date is after the end date");
        }
        boolean earlierRecords = jdbc.sql("""
                select exists (select 1 from projects_investment where project_id = :p and month < :m)
                    or exists (select 1 from projects_milestone where project_id = :p and done_date < :d)""")
                .param("p", id).param("m", YearMonth.from(details.startDate()).atDay(1)).param("d", details.startDate())
                .query(Boolean.class).single();
        if (earlierRecords) {
            throw new RejectedException("startDate", "已有早于该开工日期的投资或节点记录 / investment or milestones are recorded before that start date");
        }
        if ((details.longitude() == null) != (details.latitude() == null)) {
            throw new RejectedException("longitude", "经纬度须同时填写 / give both longitude and latitude or neither");
        }
        requireFirm(details.constructionFirmId(), EnterpriseKind.CONSTRUCTION, "constructionFirmId");
        requireFirm(details.supervisionFirmId(), EnterpriseKind.SUPERVISION, "supervisionFirmId");
        bump(id, details.version(), """
                update projects_project set name = :name, dimension = :dimension, category = :category, start_date = :start,
                       longitude = :lon, latitude = :lat, construction_firm_id = :cf, supervision_firm_id = :sf,
                       version = version + 1
                where id = :id and version = :v""", spec -> spec.param("name", details.name().strip())
                .param("dimension", details.dimension().name()).param("category", details.category().strip())
                .param("start", details.startDate()).param("lon", details.longitude()).param("lat", details.latitude())
                .param("cf", details.constructionFirmId()).param("sf", details.supervisionFirmId()));
        if (towns != null && !new java.util.HashSet<>(towns).equals(new java.util.HashSet<>(project.townCodes()))) {
            jdbc.sql("delete from projects_project_town where project_id = :p").param("p", id).update();
            for (String code : towns) {
                jdbc.sql("insert into projects_project_town (project_id, town_code) values (:p, :t)").param("p", id)
                        .param("t", code).update();
            }
        }
    }

    /** Sets one month's planned and actual investment; the cumulative plan may not exceed the budget. */
    void recordInvestment(long id, @jakarta.validation.Valid MonthlyInvestment investment) {
        Project project = writable(id);
        YearMonth month = investment.month();
        if (month.isBefore(YearMonth.from(project.startDate())) || month.isAfter(YearMonth.from(project.endDate()))) {
            throw new RejectedException("month", "月份不在项目工期内 / the month is outside the project's dates");
        }
        bump(id, investment.version(), "update projects_project set version = version + 1 where id = :id and version = :v",
                spec -> spec);
        jdbc.sql("""
                insert into projects_investment (project_id, month, planned, actual) values (:p, :m, :planned, :actual)
                on conflict (project_id, month) do update set planned = excluded.planned, actual = excluded.actual""")
                .param("p", id).param("m", month.atDay(1)).param("planned", investment.planned())
                .param("actual", investment.actual()).update();
        if (plannedTotal(id).compareTo(project.budget()) > 0) {
            throw new RejectedException("planned", "计划投资累计超过预算 / the planned investment would exceed the budget");
        }
    }

    long addMilestone(long id, @jakarta.validation.Valid NewMilestone milestone) {
        Project project = writable(id);
        if (milestone.doneDate() != null && milestone.doneDate().isBefore(project.startDate())) {
            throw new RejectedException("doneDate", "完成日期早于开工日期 / done before the project started");
        }
        return jdbc.sql("insert into projects_milestone (project_id, name, due_date, done_date) values (:p, :n, :d, :done) returning id")
                .param("p", id).param("n", milestone.name().strip()).param("d", milestone.dueDate())
                .param("done", milestone.doneDate()).query(Long.class).single();
    }

    /** Records when a milestone was reached; not before the project started. */
    void completeMilestone(long id, long milestoneId, LocalDate doneDate) {
        Project project = writable(id);
        if (doneDate == null || doneDate.isBefore(project.startDate())) {
            throw new RejectedException("doneDate", "完成日期早于开工日期 / done before the project started");
        }
        int rows = jdbc.sql("update projects_milestone set done_date = :d where id = :m and project_id = :p")
                .param("d", doneDate).param("m", milestoneId).param("p", id).update();
        if (rows == 0) {
            throw new NotFoundException("milestone");
        }
    }

    @Transactional(readOnly = true)
    List<Milestone> milestones(long id) {
        get(id);
        return jdbc.sql("select id, name, due_date, done_date from projects_milestone where project_id = :p order by due_date, id")
                .param("p", id).query((rs, n) -> new Milestone(rs.getLong(1), rs.getString(2),
                        rs.getObject(3, LocalDate.class), rs.getObject(4, LocalDate.class))).list();
    }

    @Transactional(readOnly = true)
    List<Investment> investments(long id) {
        get(id);
        return jdbc.sql("select month, planned, actual from projects_investment where project_id = :p order by month")
                .param("p", id).query((rs, n) -> new Investment(YearMonth.from(rs.getObject(1, LocalDate.class)),
                        rs.getBigDecimal(2), rs.getBigDecimal(3))).list();
    }

    /** The project, if the caller may change it (a ledger role covering all its towns). */
    /** The towns, each once, when every one exists and lies in the caller's ledger reach. */
    private List<String> ownableTowns(List<String> codes) {
        List<String> towns = List.copyOf(new LinkedHashSet<>(codes));
        if (towns.isEmpty()) {
            throw new RejectedException("townCodes", "至少选择一个镇街 / choose at least one town");
        }
        for (String code : towns) {
            if (regions.town(code).isEmpty()) {
                throw new RejectedException("townCodes", "未知镇街 / unknown town: " + code);
            }
        }
        permissions.require(Permissions.LEDGER, towns);
        return towns;
    }

    Project writable(long id) {
        Project project = get(id);
        permissions.require(Permissions.LEDGER, project.townCodes());
        return project;
    }

    private BigDecimal plannedTotal(long id) {
        return jdbc.sql("select coalesce(sum(planned), 0) from projects_investment where project_id = :p").param("p", id)
                .query(BigDecimal.class).single();
    }

    private void bump(long id, int version, String sql,
            java.util.function.UnaryOperator<JdbcClient.StatementSpec> params) {
        int rows = params.apply(jdbc.sql(sql).param("id", id).param("v", version)).update();
        if (rows == 0) {
            throw new ConflictException("该项目已被他人修改，请刷新后重试 / the project was changed by someone else; reload and try again");
        }
    }

    private void requireFirm(Long firmId, EnterpriseKind kind, String field) {
        if (firmId == null) {
            return;
        }
        boolean known = jdbc.sql("select count(*) from projects_enterprise where id = :id and kind = :k").param("id", firmId)
                .param("k", kind.name()).query(Integer.class).single() > 0;
        if (!known) {
            throw new RejectedException(field, "未知企业 / unknown firm: " + firmId);
        }
    }

    static Project project(ResultSet rs, int row) throws SQLException {
        Array towns = rs.getArray("towns");
        return new Project(rs.getLong("id"), rs.getString("name"), Dimension.valueOf(rs.getString("dimension")),
                rs.getString("category"), rs.getBigDecimal("budget"), ProjectStatus.valueOf(rs.getString("status")),
                rs.getObject("start_date", LocalDate.class), rs.getObject("end_date", LocalDate.class),
                (Double) rs.getObject("longitude"), (Double) rs.getObject("latitude"),
                (Long) rs.getObject("construction_firm_id"), (Long) rs.getObject("supervision_firm_id"),
                new ArrayList<>(Arrays.asList((String[]) towns.getArray())), rs.getBoolean("demo"), rs.getInt("version"),
                rs.getBigDecimal("planned"), rs.getBigDecimal("actual"));
    }
}
