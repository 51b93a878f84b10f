package org.townbrain.cases;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
import org.townbrain.platform.scope.Scope;
import org.townbrain.region.Regions;

/**
 * Demo mode only: the source document's "56 supervision orders, 460 rectification points" for
 * Jiande, spread over the 300 days before today, every one marked demo. Each point is a case
 * taken through the real lifecycle (so timelines and statistics are consistent). Positions are
 * approximate town centres plus noise, not real places. Also registers the demo Open311 key.
 */
@Component
@Order(20)
@ConditionalOnProperty(name = "townbrain.demo.enabled", havingValue = "true")
class JiandeDemoCases implements ApplicationRunner {

    static final String DEMO_OPEN311_KEY = "jiande-demo-open311-key";
    static final int ORDERS = 56;
    static final int POINTS = 460;
    private static final Logger log = LoggerFactory.getLogger(JiandeDemoCases.class);

    /** Approximate town centres (demo only). */
    private static final Map<String, double[]> CENTRES = Map.ofEntries(
            Map.entry("330182002", new double[] {119.24, 29.45}), Map.entry("330182003", new double[] {119.25, 29.42}),
            Map.entry("330182101", new double[] {119.28, 29.27}), Map.entry("330182102", new double[] {119.42, 29.62}),
            Map.entry("330182104", new double[] {119.47, 29.55}), Map.entry("330182105", new double[] {119.33, 29.59}),
            Map.entry("330182106", new double[] {119.35, 29.52}), Map.entry("330182107", new double[] {119.55, 29.48}),
            Map.entry("330182108", new double[] {119.54, 29.57}), Map.entry("330182109", new double[] {119.22, 29.38}),
            Map.entry("330182110", new double[] {119.15, 29.35}), Map.entry("330182111", new double[] {119.34, 29.31}),
            Map.entry("330182112", new double[] {119.12, 29.29}), Map.entry("330182113", new double[] {119.06, 29.22}),
            Map.entry("330182202", new double[] {119.48, 29.67}));

    private static final String[][] FINDINGS = {
            {"E0102", "背街小巷暴露垃圾未及时清运"}, {"E0103", "村口积存建筑垃圾渣土"}, {"E0106", "沿街商铺门前乱堆物料"},
            {"E0201", "电线杆张贴非法小广告"}, {"E0202", "店招破损未修复"}, {"E0505", "机动车占用人行道停放"},
            {"E0506", "共享单车堆积影响通行"}, {"C0306", "果皮箱破损满溢"}, {"C0111", "路灯夜间不亮"},
            {"E0601", "新建民房外立面与风貌导则不符"}, {"E0602", "小镇客厅设施闲置未开放"}, {"C0404", "绿地黄土裸露"},
            {"E0105", "河道水面漂浮物"}, {"E0503", "沿街商户店外经营"}, {"C0307", "垃圾分类收集点标识缺失"},
            {"E0109", "建成区散养家禽"}};

    private final JdbcClient jdbc;
    private final Regions regions;
    private final SupervisionOrders orders;
    private final CaseRepository cases;
    private final CategoryCatalogue catalogue;
    private final CalendarStore calendar;
    private final Open311 open311;
    private final TransactionTemplate transaction;
    private final Clock clock;

    JiandeDemoCases(JdbcClient jdbc, Regions regions, SupervisionOrders orders, CaseRepository cases,
            CategoryCatalogue catalogue, CalendarStore calendar, Open311 open311, TransactionTemplate transaction,
            Clock clock) {
        this.jdbc = jdbc;
        this.regions = regions;
        this.orders = orders;
        this.cases = cases;
        this.catalogue = catalogue;
        this.calendar = calendar;
        this.open311 = open311;
        this.transaction = transaction;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (regions.town("330182104").isEmpty()) {
            return;
        }
        open311.registerKey("演示客户端 demo client", DEMO_OPEN311_KEY);
        boolean present = jdbc.sql("select count(*) from cases_order where demo").query(Integer.class).single() > 0;
        if (present) {
            return;
        }
        transaction.executeWithoutResult(status -> load());
        log.info("Loaded demo supervision data for Jiande: {} orders, {} points (marked demo)", ORDERS, POINTS);
    }

    private void load() {
        Random random = new Random(2020);
        ZoneId zone = clock.getZone();
        Instant now = clock.instant();
        List<String> towns = new ArrayList<>(CENTRES.keySet());
        towns.sort(String::compareTo);
        WorkingCalendar working = calendar.calendar();
        int pointsLeft = POINTS;
        for (int o = 0; o < ORDERS; o++) {
            int points = o < POINTS - 8 * ORDERS ? 9 : 8;
            pointsLeft -= points;
            String town = towns.get(o % towns.size());
            String townName = regions.town(town).orElseThrow().name();
            Instant issued = now.minus(Duration.ofDays(300 - o * 53L / 10)).minus(Duration.ofHours(random.nextInt(8)));
            LocalDate issuedDay = LocalDate.ofInstant(issued, zone);
            boolean covert = o % 3 != 0;
            long inspection = orders.startInspection((covert ? "暗访" : "明查") + " · " + townName + " · " + issuedDay,
                    covert ? SupervisionOrders.Mode.COVERT : SupervisionOrders.Mode.OPEN, town, "督查组（演示）",
                    "环境卫生；立面风貌；交通秩序；“十个一”设施", issuedDay.minusDays(2), "demo", Scope.county(), true);
            LocalDate deadline = issuedDay.plusDays(20);
            long order = insertOrder(o, townName, town, issued, deadline, inspection);
            for (int p = 0; p < points; p++) {
                String[] finding = FINDINGS[random.nextInt(FINDINGS.length)];
                double[] centre = CENTRES.get(town);
                Case kase = Case.report(covert ? "COVERT_INSPECTION" : "OPEN_INSPECTION", finding[0], town, null,
                        centre[0] + (random.nextDouble() - 0.5) * 0.02, centre[1] + (random.nextDouble() - 0.5) * 0.02,
                        townName + "（演示点位 " + (p + 1) + "）", finding[1] + "（演示数据）", "inspector",
                        issued.minus(Duration.ofDays(2)));
                kase.orderId = order;
                cases.insert(kase, null, null, null, inspection, true, "inspector");
                walk(kase, issued, now, working, random);
            }
            OrderProgress.update(jdbc, order, now);
        }
        if (pointsLeft != 0) {
            throw new IllegalStateException("Demo point count is off by " + pointsLeft);
        }
    }

    private long insertOrder(int o, String townName, String town, Instant issued, LocalDate deadline, long inspection) {
        long id = jdbc.sql("select nextval('cases_order_id_seq')").query(Long.class).single();
        jdbc.sql("""
                insert into cases_order (id, ref, title, town_code, issued_by, issued_at, deadline, inspection_id, state, demo)
                values (:id, :ref, :t, :town, 'county', :at, :dl, :insp, 'OPEN', true)""")
                .param("id", id).param("ref", "DB-DEMO-" + String.format("%03d", o + 1))
                .param("t", townName + "美丽城镇整改督办单（演示）").param("town", town)
                .param("at", java.sql.Timestamp.from(issued)).param("dl", deadline).param("insp", inspection).update();
        return id;
    }

    /** Takes a point through the lifecycle up to a plausible state for its age. */
    private void walk(Case kase, Instant issued, Instant now, WorkingCalendar working, Random random) {
        Category category = catalogue.find(kase.categoryCode).orElseThrow();
        Instant t = issued;
        kase.accept(t, null);
        cases.save(kase, "county", t);
        t = t.plus(Duration.ofHours(1));
        kase.dispatch(category.defaultUnit(), t, working.deadline(t, category.limit()), "督办单派遣");
        cases.save(kase, "meicheng", t);
        long limitMinutes = Math.max(60, Duration.between(t, kase.deadline).toMinutes());
        boolean recent = Duration.between(issued, now).toDays() < 45;
        if (recent && random.nextDouble() < 0.35) {
            // recent orders are still being worked on; some of these points are already overdue
            if (random.nextBoolean()) {
                kase.start("整改中");
                cases.save(kase, "meicheng", t.plus(Duration.ofMinutes(30)));
            }
            return;
        }
        boolean inTime = random.nextDouble() < 0.9;
        Instant handled = t.plus(Duration.ofMinutes((long) (limitMinutes * (inTime ? 0.2 + random.nextDouble() * 0.5
                : 1.1 + random.nextDouble()))));
        if (handled.isAfter(now)) {
            return;
        }
        kase.reportBack(handled, "已整改，附整改后照片");
        cases.save(kase, "meicheng", handled);
        Instant verified = inTime && handled.isBefore(kase.deadline)
                ? handled.plus(Duration.ofMinutes((long) (Duration.between(handled, kase.deadline).toMinutes()
                        * random.nextDouble() * 0.9)))
                : handled.plus(Duration.ofHours(2 + random.nextInt(20)));
        if (verified.isAfter(now)) {
            return;
        }
        if (random.nextDouble() < 0.06) {
            kase.fail("现场复核仍有问题，返工");
            cases.save(kase, "inspector", verified);
            Instant again = verified.plus(Duration.ofDays(1 + random.nextInt(3)));
            if (again.isAfter(now)) {
                return;
            }
            kase.reportBack(again, "返工完成");
            cases.save(kase, "meicheng", again);
            verified = again.plus(Duration.ofHours(6));
            if (verified.isAfter(now)) {
                return;
            }
        }
        ClosingReason reason = random.nextDouble() < 0.93 ? ClosingReason.FIXED
                : random.nextBoolean() ? ClosingReason.SCHEDULED : ClosingReason.PARTLY_FIXED;
        kase.pass(reason, verified, "复核通过，销号");
        cases.save(kase, "inspector", verified);
    }
}
