package org.townbrain.projects;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.townbrain.region.Cluster;
import org.townbrain.region.Regions;
import org.townbrain.region.Town;

/**
 * Demo mode: projects, firms, checks and services for the Jiande demo county, all marked demo
 * and named 【演示】. The 2020 service figures reproduce the source document's (120+ expert
 * visits, 10+ checks, 370+ problems rectified, every creating town checked, 30+ seminars,
 * 5 scheme-review rounds); everything else (2020–2026 projects, amounts, firms, scores) is
 * invented and plausible, not real. Runs after the region's demo loader; does nothing twice.
 */
@Component
@Order(20)
@ConditionalOnProperty(name = "townbrain.demo.enabled", havingValue = "true")
class JiandeDemoProjects implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(JiandeDemoProjects.class);
    static final String LABEL = "【演示】";

    /** Per dimension: project names (the town's short name is put in front) and a category. */
    private static final String[][][] TEMPLATES = {
            {{"污水零直排区提升工程", "环境整治"}, {"美丽河道综合整治", "水环境"}, {"生态绿道建设", "绿道"}},
            {{"小镇客厅建设", "公共服务"}, {"老旧小区改造", "住房"}, {"卫生院与养老服务中心提升", "公共服务"}},
            {{"特色产业园提升", "产业平台"}, {"农创客中心建设", "农业"}, {"商贸特色街区改造", "商贸"}},
            {{"历史文化街区保护修缮", "文化保护"}, {"文体中心建设", "文体"}, {"古村落风貌提升", "风貌"}},
            {{"基层智治平台建设", "数字治理"}, {"雪亮工程与网格化治理", "平安"}, {"便民服务中心改造", "政务服务"}}};

    private final JdbcClient jdbc;
    private final Regions regions;
    private final TransactionTemplate transaction;
    private final Clock clock;

    JiandeDemoProjects(JdbcClient jdbc, Regions regions, TransactionTemplate transaction, Clock clock) {
        this.jdbc = jdbc;
        this.regions = regions;
        this.transaction = transaction;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        List<Town> towns = regions.towns().stream().filter(Town::inProgramme).toList();
        if (towns.isEmpty()) {
            return;
        }
        boolean present = jdbc.sql("select count(*) from projects_project where demo").query(Integer.class).single() > 0;
        if (present) {
            return;
        }
        transaction.executeWithoutResult(status -> load(towns));
        log.info("Loaded the Jiande demo projects, firms, checks and services (labelled demo)");
    }

    private void load(List<Town> towns) {
        Random random = new Random(2020);
        LocalDate today = LocalDate.now(clock);
        List<Long> builders = new ArrayList<>();
        List<Long> supervisors = new ArrayList<>();
        String[] builderNames = {"建德城建", "新安江建工", "千鹤建设", "寿昌路桥", "三江水利", "严州园林", "乾潭市政", "大同建筑"};
        for (int i = 0; i < builderNames.length; i++) {
            builders.add(firm(LABEL + builderNames[i] + "有限公司", EnterpriseKind.CONSTRUCTION, "MA2H" + (10000 + i * 137)));
        }
        String[] supervisorNames = {"严州工程监理", "富春江项目管理", "钱塘建设监理", "浙西工程咨询"};
        for (int i = 0; i < supervisorNames.length; i++) {
            supervisors.add(firm(LABEL + supervisorNames[i] + "有限公司", EnterpriseKind.SUPERVISION, "MA2J" + (20000 + i * 211)));
        }
        List<long[]> projects = new ArrayList<>();
        for (Town town : towns) {
            String shortName = town.name().replaceAll("(镇|乡|街道)$", "");
            int count = 3 + random.nextInt(3);
            for (int k = 0; k < count; k++) {
                int dimension = (k + town.code().hashCode()) % 5;
                dimension = Math.floorMod(dimension, 5);
                String[] template = TEMPLATES[dimension][random.nextInt(3)];
                projects.add(project(random, today, LABEL + shortName + template[0], Dimension.values()[dimension],
                        template[1], List.of(town.code()), builders, supervisors));
            }
        }
        for (Cluster cluster : regions.clusters()) {
            if (cluster.memberTownCodes().size() > 1) {
                projects.add(project(random, today, LABEL + cluster.name() + "片区共建项目", Dimension.INDUSTRY, "片区共建",
                        cluster.memberTownCodes(), builders, supervisors));
            }
        }
        assessments(random, today, projects);
        checks(random, today, towns);
        expertVisits(random, today, towns);
        planning(random, today, towns);
    }

    private long firm(String name, EnterpriseKind kind, String organisationCode) {
        Uscc uscc = Uscc.withCheckCharacter("91330182" + organisationCode);
        return jdbc.sql("insert into projects_enterprise (uscc, name, kind, demo) values (:u, :n, :k, true) returning id")
                .param("u", uscc.value()).param("n", name).param("k", kind.name()).query(Long.class).single();
    }

    /** Returns {projectId, builderId, supervisorId, startEpochDay, endEpochDay}. */
    private long[] project(Random random, LocalDate today, String name, Dimension dimension, String category,
            List<String> towns, List<Long> builders, List<Long> supervisors) {
        LocalDate start = LocalDate.of(2020 + random.nextInt(6), 1 + random.nextInt(12), 1);
        if (start.isAfter(today)) {
            start = today.withDayOfMonth(1);
        }
        int months = 10 + random.nextInt(24);
        LocalDate end = start.plusMonths(months).minusDays(1);
        BigDecimal budget = BigDecimal.valueOf((3 + random.nextInt(60)) * 1_000_000L);
        String status = end.isBefore(today) ? "COMPLETED" : start.isAfter(today) ? "PLANNED" : "UNDER_CONSTRUCTION";
        long builder = builders.get(random.nextInt(builders.size()));
        long supervisor = supervisors.get(random.nextInt(supervisors.size()));
        double lon = 119.05 + random.nextDouble() * 0.55;
        double lat = 29.25 + random.nextDouble() * 0.45;
        long id = jdbc.sql("""
                insert into projects_project (name, dimension, category, budget, status, start_date, end_date, longitude,
                       latitude, construction_firm_id, supervision_firm_id, demo)
                values (:n, :d, :c, :b, :s, :start, :end, :lon, :lat, :cf, :sf, true) returning id""")
                .param("n", name).param("d", dimension.name()).param("c", category).param("b", budget).param("s", status)
                .param("start", start).param("end", end).param("lon", lon).param("lat", lat).param("cf", builder)
                .param("sf", supervisor).query(Long.class).single();
        for (String town : towns) {
            jdbc.sql("insert into projects_project_town (project_id, town_code) values (:p, :t)").param("p", id).param("t", town)
                    .update();
        }
        BigDecimal monthly = budget.multiply(BigDecimal.valueOf(0.95)).divide(BigDecimal.valueOf(months), 0, RoundingMode.DOWN);
        YearMonth current = YearMonth.from(today);
        for (int m = 0; m < months; m++) {
            YearMonth month = YearMonth.from(start).plusMonths(m);
            BigDecimal actual = month.isAfter(current) ? BigDecimal.ZERO
                    : monthly.multiply(BigDecimal.valueOf(0.6 + random.nextDouble() * 0.5)).setScale(0, RoundingMode.HALF_UP);
            jdbc.sql("insert into projects_investment (project_id, month, planned, actual) values (:p, :m, :pl, :a)")
                    .param("p", id).param("m", month.atDay(1)).param("pl", monthly).param("a", actual).update();
        }
        String[] milestones = {"开工", "主体工程完成", "竣工验收"};
        for (int i = 0; i < milestones.length; i++) {
            LocalDate due = i == 0 ? start : i == 1 ? start.plusMonths(months * 2L / 3) : end;
            jdbc.sql("insert into projects_milestone (project_id, name, due_date, done_date) values (:p, :n, :d, :done)")
                    .param("p", id).param("n", milestones[i]).param("d", due)
                    .param("done", due.isBefore(today) ? due.plusDays(random.nextInt(20)) : null).update();
        }
        return new long[] {id, builder, supervisor, start.toEpochDay(), end.toEpochDay()};
    }

    private void assessments(Random random, LocalDate today, List<long[]> projects) {
        for (long[] p : projects) {
            LocalDate from = LocalDate.ofEpochDay(p[3]);
            LocalDate to = LocalDate.ofEpochDay(Math.min(p[4], today.toEpochDay()));
            for (LocalDate d = from.plusMonths(2); !d.isAfter(to); d = d.plusMonths(3)) {
                for (int f = 1; f <= 2; f++) {
                    // two of the builders do noticeably worse, so the watch list has something on it
                    boolean weak = f == 1 && p[1] % 4 == 0;
                    int base = weak ? 55 : 72;
                    jdbc.sql("""
                            insert into projects_assessment (enterprise_id, project_id, inspected_on, quality, progress, civilised, note)
                            values (:e, :p, :d, :q, :pr, :c, :n)""")
                            .param("e", p[f]).param("p", p[0]).param("d", d)
                            .param("q", base + random.nextInt(26)).param("pr", base + random.nextInt(26))
                            .param("c", base + random.nextInt(26)).param("n", LABEL + "季度考核").update();
                }
            }
        }
    }

    /** 2020: 18 checks covering all creating towns, 384 problems found, 376 rectified; later years smaller. */
    private void checks(Random random, LocalDate today, List<Town> towns) {
        List<String> order = new ArrayList<>(towns.stream().map(Town::code).toList());
        order.add(order.get(0));
        order.add(order.get(5 % order.size()));
        order.add(order.get(8 % order.size()));
        int[] findings = spread(384, order.size(), random);
        int unrectified = 8;
        for (int i = 0; i < order.size(); i++) {
            LocalDate day = LocalDate.of(2020, 3 + i * 9 / order.size(), 5 + random.nextInt(20));
            long check = check(order.get(i), day, i % 3 == 0 ? "SAFETY" : "QUALITY_AND_SAFETY");
            for (int f = 0; f < findings[i]; f++) {
                boolean rectified = !(i == order.size() - 1 && f < unrectified);
                finding(random, check, order.get(i), f, rectified, day);
            }
        }
        for (int year = 2021; year <= today.getYear(); year++) {
            for (int i = 0; i < 12; i++) {
                LocalDate day = LocalDate.of(year, 1 + i, 3 + random.nextInt(24));
                if (day.isAfter(today)) {
                    break;
                }
                String town = towns.get(random.nextInt(towns.size())).code();
                long check = check(town, day, i % 2 == 0 ? "QUALITY" : "SAFETY");
                int found = 5 + random.nextInt(15);
                boolean recent = day.isAfter(today.minusMonths(2));
                for (int f = 0; f < found; f++) {
                    finding(random, check, town, f, !recent || random.nextInt(3) == 0, day);
                }
            }
        }
    }

    private long check(String town, LocalDate day, String kind) {
        long id = jdbc.sql("""
                insert into projects_check (kind, title, town_code, checked_on, inspectors, demo)
                values (:k, :t, :town, :d, :i, true) returning id""")
                .param("k", kind).param("t", LABEL + day.getYear() + "年美丽城镇项目质量安全检查").param("town", town)
                .param("d", day).param("i", "市美丽城镇办、市建设局（演示）").query(Long.class).single();
        String[] items = {"施工许可与安全交底资料齐全", "脚手架与临边防护到位", "材料进场检验记录完整", "扬尘控制与围挡规范",
                "隐蔽工程验收记录完整"};
        for (int i = 0; i < items.length; i++) {
            jdbc.sql("insert into projects_check_item (check_id, position, item, passed) values (:c, :p, :i, :ok)")
                    .param("c", id).param("p", i).param("i", items[i]).param("ok", (id + i) % 3 != 0).update();
        }
        return id;
    }

    private void finding(Random random, long check, String town, int n, boolean rectified, LocalDate day) {
        String[] problems = {"临边防护缺失", "材料堆放杂乱", "围挡破损", "施工现场扬尘未覆盖", "安全帽佩戴不规范",
                "排水沟堵塞", "混凝土养护不到位", "消防器材过期", "夜间施工噪声", "隐蔽工程记录缺失"};
        jdbc.sql("""
                insert into projects_finding (check_id, town_code, description, longitude, latitude, rectified, rectified_at)
                values (:c, :t, :d, :lon, :lat, :r, :at)""")
                .param("c", check).param("t", town).param("d", LABEL + problems[(n + (int) check) % problems.length])
                .param("lon", 119.05 + random.nextDouble() * 0.55).param("lat", 29.25 + random.nextDouble() * 0.45)
                .param("r", rectified).param("at", rectified ? day.plusDays(3 + random.nextInt(25)).atStartOfDay(clock.getZone()).toOffsetDateTime() : null)
                .update();
    }

    /** 2020: 126 person-times of expert service; later years about 80 a year. */
    private void expertVisits(Random random, LocalDate today, List<Town> towns) {
        String[] topics = {"污水零直排技术指导", "小镇客厅方案咨询", "风貌整治设计把关", "施工质量现场指导", "历史建筑保护咨询"};
        for (int year = 2020; year <= today.getYear(); year++) {
            int target = year == 2020 ? 126 : 80;
            int done = 0;
            int i = 0;
            while (done < target) {
                LocalDate day = LocalDate.of(year, 1 + random.nextInt(12), 1 + random.nextInt(28));
                if (day.isAfter(today)) {
                    day = today.minusDays(random.nextInt(30));
                }
                int persons = Math.min(target - done, 1 + random.nextInt(2));
                jdbc.sql("""
                        insert into projects_expert_visit (expert, town_code, topic, visited_on, person_times, demo)
                        values (:e, :t, :topic, :d, :n, true)""")
                        .param("e", "专家" + (char) ('甲' + i % 10) + "（演示）").param("t", towns.get(i % towns.size()).code())
                        .param("topic", topics[random.nextInt(topics.length)]).param("d", day).param("n", persons).update();
                done += persons;
                i++;
            }
        }
    }

    /** 3 chief designers, a resident planner per town; 2020: 32 seminars and exactly 5 review rounds. */
    private void planning(Random random, LocalDate today, List<Town> towns) {
        List<Long> residents = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            long id = planner("首席设计师" + i + "（演示）", "CHIEF_DESIGNER", "演示规划设计院");
            for (Town town : towns) {
                jdbc.sql("insert into projects_planner_town (planner_id, town_code) values (:p, :t)").param("p", id)
                        .param("t", town.code()).update();
            }
        }
        for (Town town : towns) {
            long id = planner(town.name() + "驻镇规划师（演示）", "RESIDENT_PLANNER", "演示规划设计院");
            jdbc.sql("insert into projects_planner_town (planner_id, town_code) values (:p, :t)").param("p", id)
                    .param("t", town.code()).update();
            residents.add(id);
        }
        for (int year = 2020; year <= today.getYear(); year++) {
            int count = year == 2020 ? 32 : 20;
            for (int i = 0; i < count; i++) {
                LocalDate day = LocalDate.of(year, 1 + i * 12 / count, 1 + random.nextInt(28));
                if (day.isAfter(today)) {
                    break;
                }
                int t = i % towns.size();
                jdbc.sql("""
                        insert into projects_seminar (planner_id, town_code, held_on, topic, minutes, demo)
                        values (:p, :t, :d, :topic, :m, true)""")
                        .param("p", residents.get(t)).param("t", towns.get(t).code()).param("d", day)
                        .param("topic", "驻镇研讨：美丽城镇建设方案深化").param("m", LABEL + "与镇街班子研讨方案深化，明确下一步设计任务与时间节点。")
                        .update();
            }
        }
        String[][] rounds2020 = {{"0", "1", "2020-04-16", "REVISE", "2020-06-18"}, {"0", "2", "2020-06-18", "APPROVED", null},
                {"1", "1", "2020-05-21", "APPROVED", null}, {"2", "1", "2020-07-09", "REVISE", "2020-09-10"},
                {"2", "2", "2020-09-10", "APPROVED", null}};
        for (String[] r : rounds2020) {
            Town town = towns.get(Integer.parseInt(r[0]) * 4 % towns.size());
            review(town, "美丽城镇建设行动方案", Integer.parseInt(r[1]), LocalDate.parse(r[2]), r[3],
                    r[4] == null ? null : LocalDate.parse(r[4]));
        }
        for (int year = 2021; year <= Math.min(today.getYear(), 2025); year++) {
            review(towns.get(year % towns.size()), year + "年度重点项目设计方案", 1, LocalDate.of(year, 5, 12), "APPROVED", null);
        }
    }

    private long planner(String name, String role, String organisation) {
        return jdbc.sql("insert into projects_planner (name, role, organisation, demo) values (:n, :r, :o, true) returning id")
                .param("n", name).param("r", role).param("o", organisation).query(Long.class).single();
    }

    private void review(Town town, String scheme, int round, LocalDate day, String decision, LocalDate next) {
        jdbc.sql("""
                insert into projects_review_round (scheme, town_code, round_no, held_on, reviewers, comments, decision,
                       next_round_on, demo)
                values (:s, :t, :n, :d, :r, :c, :dec, :next, true)""")
                .param("s", LABEL + town.name() + scheme).param("t", town.code()).param("n", round).param("d", day)
                .param("r", "首席设计师1、首席设计师2、首席设计师3（演示）")
                .param("c", "REVISE".equals(decision) ? "功能布局需优化，风貌控制要求细化，补充投资估算。" : "方案可行，同意按此深化实施。")
                .param("dec", decision).param("next", next).update();
    }

    /** Splits a total into n positive parts that add up to it. */
    private static int[] spread(int total, int n, Random random) {
        int[] parts = new int[n];
        int base = total / n;
        int rest = total - base * n;
        for (int i = 0; i < n; i++) {
            parts[i] = base + (i < rest ? 1 : 0);
        }
        for (int i = 0; i + 1 < n; i += 2) {
            int move = random.nextInt(Math.max(1, base / 3));
            parts[i] += move;
            parts[i + 1] -= move;
        }
        return parts;
    }
}
