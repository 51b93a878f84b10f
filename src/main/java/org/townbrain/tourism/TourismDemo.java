package org.townbrain.tourism;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.townbrain.region.Regions;
import org.townbrain.region.Town;

/**
 * Demo tourism data for Jiande, consistent with the source document: 梅城 2020 National Day
 * (8 days) 403,100 visitors and 41 million yuan, a record daily average; 寿昌 May Day
 * 200,000 visitors and 10+ million yuan (the year is assumed: 2020); 乾潭's 33 culture-tourism
 * project points and 18 routes; 寿昌's "909" night market. Every other figure is generated
 * (seeded, repeatable) and everything is marked demo.
 */
@Component
@Order(40)
@ConditionalOnProperty(name = "townbrain.demo.enabled", havingValue = "true")
class TourismDemo implements ApplicationRunner {

    static final String MEICHENG = "330182104";
    static final String SHOUCHANG = "330182109";
    static final String QIANTAN = "330182102";
    private static final Logger log = LoggerFactory.getLogger(TourismDemo.class);

    private final JdbcClient jdbc;
    private final Regions regions;
    private final TransactionTemplate transaction;
    private final Clock clock;

    TourismDemo(JdbcClient jdbc, Regions regions, TransactionTemplate transaction, Clock clock) {
        this.jdbc = jdbc;
        this.regions = regions;
        this.transaction = transaction;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (jdbc.sql("select count(*) from tourism_holiday").query(Integer.class).single() > 0
                || regions.town(MEICHENG).isEmpty()) {
            return;
        }
        transaction.executeWithoutResult(status -> {
            List<String[]> holidays = loadHolidays();
            loadDaily(holidays);
            loadSites();
        });
        log.info("Loaded demo tourism data for Jiande (labelled demo)");
    }

    private List<String[]> loadHolidays() {
        List<String[]> rows = new ArrayList<>();
        try (var reader = new BufferedReader(new InputStreamReader(new ClassPathResource("tourism/holidays.csv").getInputStream(),
                StandardCharsets.UTF_8))) {
            reader.readLine();
            String line;
            while ((line = reader.readLine()) != null) {
                String[] c = line.split(",");
                jdbc.sql("insert into tourism_holiday (year, code, name_zh, name_en, start_date, end_date) values (:y, :c, :zh, :en, :f, :t)")
                        .param("y", Integer.parseInt(c[0])).param("c", c[1]).param("zh", c[2]).param("en", c[3])
                        .param("f", LocalDate.parse(c[4])).param("t", LocalDate.parse(c[5])).update();
                rows.add(c);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    /** Visitors per ordinary weekday by town type; holidays and weekends multiply it. */
    private static int baseVisitors(Town town) {
        if (town.type() == null) {
            return 300;
        }
        return switch (town.type()) {
            case "CULTURE_TOURISM" -> 3200;
            case "COUNTY_SUBCENTRE" -> 2200;
            case "AGRICULTURE" -> 900;
            case "URBAN_NODE" -> 1500;
            default -> 500;
        };
    }

    private void loadDaily(List<String[]> holidays) {
        Map<LocalDate, String> holidayOf = new HashMap<>();
        for (String[] h : holidays) {
            for (LocalDate d = LocalDate.parse(h[4]); !d.isAfter(LocalDate.parse(h[5])); d = d.plusDays(1)) {
                holidayOf.put(d, h[0] + "/" + h[1]);
            }
        }
        LocalDate first = LocalDate.of(2019, 1, 1);
        LocalDate last = LocalDate.now(clock).minusDays(1);
        List<Object[]> rows = new ArrayList<>();
        for (Town town : regions.towns()) {
            SplittableRandom random = new SplittableRandom(town.code().hashCode());
            int base = baseVisitors(town);
            double spend = town.code().equals(MEICHENG) ? 102 : "CULTURE_TOURISM".equals(town.type()) ? 85 : 60;
            for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
                double growth = Math.pow(1.07, d.getYear() - 2019);
                double covid = d.getYear() == 2020 && d.getMonthValue() <= 4 ? 0.25 : d.getYear() == 2022 ? 0.8 : 1.0;
                double season = 1 + 0.25 * Math.sin((d.getDayOfYear() - 80) / 365.0 * 2 * Math.PI);
                double day = d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY ? 1.6 : 1.0;
                String holiday = holidayOf.get(d);
                double boost = holiday == null ? 1 : holiday.endsWith("national-day") ? 4.2 : holiday.endsWith("may-day") ? 3.4 : 2.2;
                int visitors = (int) Math.max(0, base * growth * covid * season * day * boost * (0.85 + 0.3 * random.nextDouble()));
                BigDecimal revenue = BigDecimal.valueOf(visitors * spend * (0.9 + 0.2 * random.nextDouble())).setScale(2, RoundingMode.HALF_UP);
                rows.add(new Object[] {town.code(), d, visitors, revenue});
            }
        }
        scaleHoliday(rows, MEICHENG, LocalDate.of(2020, 10, 1), LocalDate.of(2020, 10, 8), 403_100, new BigDecimal("41000000.00"));
        scaleHoliday(rows, SHOUCHANG, LocalDate.of(2020, 5, 1), LocalDate.of(2020, 5, 5), 200_000, new BigDecimal("10500000.00"));
        // the 2020 record was a record: earlier National Days stayed well below its daily average
        scaleHoliday(rows, MEICHENG, LocalDate.of(2019, 10, 1), LocalDate.of(2019, 10, 7), 268_400, new BigDecimal("24600000.00"));
        // one statement with arrays: tens of thousands of rows in well under a second
        jdbc.sql("""
                insert into tourism_daily (town_code, day, visitors, revenue_yuan, source)
                select t, d, v, r, 'DEMO' from unnest(string_to_array(:towns, ','), string_to_array(:days, ',')::date[],
                    string_to_array(:visitors, ',')::int[], string_to_array(:revenues, ',')::numeric[]) as x(t, d, v, r)""")
                .param("towns", join(rows, 0)).param("days", join(rows, 1)).param("visitors", join(rows, 2))
                .param("revenues", join(rows, 3)).update();
    }

    private static String join(List<Object[]> rows, int column) {
        StringBuilder out = new StringBuilder(rows.size() * 12);
        for (Object[] row : rows) {
            if (!out.isEmpty()) {
                out.append(',');
            }
            out.append(row[column] instanceof BigDecimal b ? b.toPlainString() : row[column].toString());
        }
        return out.toString();
    }

    /** Rescales one town's days so that the holiday's totals are exactly the published figures. */
    private static void scaleHoliday(List<Object[]> rows, String town, LocalDate from, LocalDate to, int visitors,
            BigDecimal revenue) {
        List<Object[]> days = rows.stream().filter(r -> r[0].equals(town))
                .filter(r -> !((LocalDate) r[1]).isBefore(from) && !((LocalDate) r[1]).isAfter(to)).toList();
        if (days.isEmpty()) {
            return;
        }
        long sum = days.stream().mapToLong(r -> (Integer) r[2]).sum();
        int assigned = 0;
        BigDecimal assignedRevenue = BigDecimal.ZERO;
        for (int i = 0; i < days.size(); i++) {
            Object[] day = days.get(i);
            boolean lastDay = i == days.size() - 1;
            int v = lastDay ? visitors - assigned : (int) Math.round((double) (Integer) day[2] * visitors / sum);
            BigDecimal r = lastDay ? revenue.subtract(assignedRevenue)
                    : revenue.multiply(BigDecimal.valueOf(v)).divide(BigDecimal.valueOf(visitors), 2, RoundingMode.HALF_UP);
            day[2] = v;
            day[3] = r;
            assigned += v;
            assignedRevenue = assignedRevenue.add(r);
        }
    }

    private void loadSites() {
        insertSite(MEICHENG, "SCENIC_SPOT", "梅城古城（严州古城）", "千年古府，三江口古城旅游核心", "梅城千鹤·三江口", "全天开放");
        insertSite(MEICHENG, "SCENIC_SPOT", "玉泉寺", "古城东湖畔千年古刹", "梅城千鹤·三江口", "08:00–17:00");
        insertSite(MEICHENG, "NIGHT_MARKET", "梅城古城夜游街区", "古城夜游与夜间消费街区", "梅城千鹤·三江口", "18:00–22:30");
        insertSite("330182108", "SCENIC_SPOT", "三都渔村", "三江口渔家风情", "梅城千鹤·三江口", null);
        insertSite("330182107", "SCENIC_SPOT", "大洋古镇", "古镇风貌与乡村休闲", "梅城千鹤·三江口", null);
        long night = insertSite(SHOUCHANG, "NIGHT_MARKET", "寿昌“909”夜宵一条街", "原寿昌夜市露天经营户整体迁入，打造“909”夜间经济品牌",
                "寿昌909", "17:00–次日02:00");
        long aviation = insertSite(SHOUCHANG, "SCENIC_SPOT", "航空小镇", "通用航空体验与航空科普", "寿昌环航空小镇", null);
        long oldTown = insertSite(SHOUCHANG, "SCENIC_SPOT", "寿昌千年古镇", "千年古镇历史街区", "寿昌环航空小镇", null);
        long daciyan = insertSite("330182111", "SCENIC_SPOT", "大慈岩", "国家4A级旅游景区", "寿昌环航空小镇", "07:30–17:00");
        List<Long> qiantan = new ArrayList<>();
        for (int i = 1; i <= 33; i++) {
            qiantan.add(insertSite(QIANTAN, "PROJECT_POINT", String.format("乾潭文旅项目点 %02d（演示）", i),
                    "围绕“山水运动休闲”定位布点（演示数据，名称待补）", "乾潭山水运动休闲", null));
        }
        Long shouchangCluster = regions.town(SHOUCHANG).map(Town::clusterId).orElse(null);
        Long qiantanCluster = regions.town(QIANTAN).map(Town::clusterId).orElse(null);
        insertRoute("寿昌夜游 · 古镇到909", shouchangCluster, "寿昌环航空小镇", List.of(oldTown, night));
        insertRoute("航空小镇 · 大慈岩 一日游", shouchangCluster, "寿昌环航空小镇", List.of(aviation, oldTown, daciyan));
        for (int i = 1; i <= 18; i++) {
            int start = (i - 1) % 30;
            insertRoute(String.format("乾潭文旅休闲线路 %02d（演示）", i), qiantanCluster, "乾潭山水运动休闲",
                    List.of(qiantan.get(start), qiantan.get(start + 1), qiantan.get(start + 3)));
        }
    }

    private long insertSite(String town, String kind, String name, String description, String brand, String hours) {
        return jdbc.sql("""
                insert into tourism_site (town_code, kind, name, description, brand, opening_hours, demo)
                values (:t, :k, :n, :d, :b, :h, true) returning id""")
                .param("t", town).param("k", kind).param("n", name).param("d", description).param("b", brand).param("h", hours)
                .query(Long.class).single();
    }

    private void insertRoute(String name, Long cluster, String brand, List<Long> stops) {
        long id = jdbc.sql("insert into tourism_route (name, cluster_id, brand, demo) values (:n, :c, :b, true) returning id")
                .param("n", name).param("c", cluster).param("b", brand).query(Long.class).single();
        for (int i = 0; i < stops.size(); i++) {
            jdbc.sql("insert into tourism_route_stop (route_id, seq, site_id) values (:r, :s, :site)")
                    .param("r", id).param("s", i + 1).param("site", stops.get(i)).update();
        }
    }
}
