package org.townbrain.village;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.townbrain.region.Regions;
import org.townbrain.region.Village;
import org.townbrain.sensing.SensorKind;
import org.townbrain.sensing.VillageSensors;

/**
 * Demo small brains (every row marked demo, every name made up) for 大洋村 of 大洋镇 and 千鹤村
 * of 梅城镇: plots with sensors and a day of readings, cooperatives, sales, watched elders with
 * recorded consent, notices, waste checks, a sewage terminal, a pond. Once, on a fresh database.
 */
@Component
@Order(60)
@ConditionalOnProperty(name = "townbrain.demo.enabled", havingValue = "true")
class DemoVillages implements ApplicationRunner {

    static final String DAYANG = "330182107238";
    static final String QIANHE = "330182104232";

    private final JdbcClient jdbc;
    private final Regions regions;
    private final VillageSensors sensors;
    private final TransactionTemplate tx;
    private final Clock clock;

    DemoVillages(JdbcClient jdbc, Regions regions, VillageSensors sensors, TransactionTemplate tx, Clock clock) {
        this.jdbc = jdbc;
        this.regions = regions;
        this.sensors = sensors;
        this.tx = tx;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (jdbc.sql("select count(*) from village_brain where demo").query(Integer.class).single() > 0) {
            return;
        }
        for (String code : new String[] {DAYANG, QIANHE}) {
            // readings commit on their own (ingest answers after its commit): sensors first, then the rows at once
            regions.village(code).ifPresent(v -> {
                sensors(v);
                tx.executeWithoutResult(s -> load(v));
            });
        }
    }

    private void load(Village v) {
        Instant now = clock.instant();
        String c = v.code();
        String p = c.equals(DAYANG) ? "DY" : "QH";
        jdbc.sql("insert into village_brain (village_code, town_code, demo, created_at) values (:v, :t, true, :now)")
                .param("v", c).param("t", v.townCode()).param("now", Timestamp.from(now)).update();

        // 生产: two plots and a greenhouse; one plot has dried out, the greenhouse is hot
        insertPlot(c, "1号茶园（演示）", false, "白茶", 42.5, "DEMO-" + p + "-SM-1", null, "DEMO-" + p + "-AT");
        insertPlot(c, "2号稻田（演示）", false, "水稻", 65, "DEMO-" + p + "-SM-2", null, "DEMO-" + p + "-AT");
        insertPlot(c, "草莓大棚（演示）", true, "草莓", 8, "DEMO-" + p + "-SM-3", "DEMO-" + p + "-ST-3", "DEMO-" + p + "-AT");
        int year = LocalDate.now(clock).getYear();
        for (Object[] coop : new Object[][] {{"茶叶专业合作社（演示）", "白茶", 86, 42.0, 3_150_000L},
                {"果蔬专业合作社（演示）", "草莓、高山蔬菜", 54, 310.5, 1_870_000L}}) {
            jdbc.sql("""
                    insert into village_cooperative (village_code, name, product, members, output_tonnes, output_yuan, year, demo)
                    values (:v, :n, :p, :m, :t, :y, :year, true)""")
                    .param("v", c).param("n", v.name() + coop[0]).param("p", coop[1]).param("m", coop[2])
                    .param("t", coop[3]).param("y", coop[4]).param("year", year).update();
        }
        LocalDate today = LocalDate.now(clock);
        String[][] sales = {{"白茶", "电商直播"}, {"草莓", "采摘游"}, {"高山蔬菜", "农超对接"}};
        for (int d = 0; d < 60; d += 3) {
            String[] s = sales[(d / 3) % sales.length];
            jdbc.sql("""
                    insert into village_sale (village_code, product, channel, amount_yuan, sold_on, demo)
                    values (:v, :p, :ch, :a, :on, true)""")
                    .param("v", c).param("p", s[0]).param("ch", s[1]).param("a", 4_000 + 700L * (d % 7))
                    .param("on", today.minusDays(d).isBefore(today.withDayOfYear(1)) ? today : today.minusDays(d)).update();
        }

        // 生活: elders who consented (recorded), one by check-in who has not checked in today, one by meter
        insertElder(c, "王秀英", "CHECKIN", null, now.minus(Duration.ofDays(90)), now.minus(Duration.ofHours(3)));
        insertElder(c, "李桂芳", "CHECKIN", null, now.minus(Duration.ofDays(60)), now.minus(Duration.ofHours(30)));
        insertElder(c, "陈根土", "METER", "DEMO-" + p + "-PM-1", now.minus(Duration.ofDays(30)), null);
        for (String[] notice : new String[][] {{"秸秆禁烧提醒（演示）", "秋收期间严禁露天焚烧秸秆，发现请及时报告网格员。"},
                {"农村污水终端巡检（演示）", "本周四上午巡检污水终端，届时短暂停运。"}}) {
            jdbc.sql("insert into village_notice (village_code, title, body, published_at, demo) values (:v, :t, :b, :at, true)")
                    .param("v", c).param("t", notice[0]).param("b", notice[1])
                    .param("at", Timestamp.from(now.minus(Duration.ofDays(notice[0].startsWith("秸秆") ? 2 : 1)))).update();
        }

        // 生态: a pond, the sewage terminal, waste checks of three household groups, a report
        int[][] groups = {{32, 29}, {28, 21}, {40, 22}};
        for (int i = 0; i < groups.length; i++) {
            jdbc.sql("""
                    insert into village_waste_group (village_code, group_name, households, sorted_households, checked_on, demo)
                    values (:v, :g, :h, :s, :on, true)""")
                    .param("v", c).param("g", (i + 1) + "组（演示）").param("h", groups[i][0]).param("s", groups[i][1])
                    .param("on", today.minusDays(i)).update();
        }
        jdbc.sql("""
                insert into village_report (village_code, kind, description, reported_at, reported_by, demo)
                values (:v, 'LITTERING', '村道旁有一堆建筑垃圾（演示）', :at, 'demo', true)""")
                .param("v", c).param("at", Timestamp.from(now.minus(Duration.ofDays(3)))).update();
    }

    /** The village's demo sensors with a day of readings: two plots and a greenhouse (one plot drying out), a meter, a pond, a terminal. */
    private void sensors(Village v) {
        String c = v.code();
        String p = c.equals(DAYANG) ? "DY" : "QH";
        double lat = c.equals(DAYANG) ? 29.4427 : 29.5450;
        double lon = c.equals(DAYANG) ? 119.5073 : 119.4850;
        sensors.demo("DEMO-" + p + "-SM-1", SensorKind.SOIL_MOISTURE, c, "1号茶园 墒情（演示）", lat + 0.004, lon - 0.003, day(34, -0.6));
        sensors.demo("DEMO-" + p + "-SM-2", SensorKind.SOIL_MOISTURE, c, "2号稻田 墒情（演示）", lat - 0.003, lon + 0.002, day(38, 0));
        sensors.demo("DEMO-" + p + "-SM-3", SensorKind.SOIL_MOISTURE, c, "草莓大棚 墒情（演示）", lat + 0.001, lon + 0.004, day(31, -0.2));
        sensors.demo("DEMO-" + p + "-ST-3", SensorKind.SOIL_TEMPERATURE, c, "草莓大棚 土温（演示）", lat + 0.001, lon + 0.004, day(24, 0.1));
        sensors.demo("DEMO-" + p + "-AT", SensorKind.AIR_TEMPERATURE, c, "村气象站 气温（演示）", lat, lon, day(26, 0.25));
        sensors.demo("DEMO-" + p + "-PM-1", SensorKind.POWER_METER, c, "独居老人户 智能电表（演示）", lat + 0.002, lon - 0.001, day(0.4, 0));
        sensors.demo("DEMO-" + p + "-RL", SensorKind.RIVER_LEVEL, c, "村口水塘 水位（演示）", lat - 0.002, lon - 0.002, day(1.2, 0.01));
        sensors.demo("DEMO-" + p + "-NH", SensorKind.AMMONIA, c, "村口水塘 氨氮（演示）", lat - 0.002, lon - 0.002, day(0.6, 0.01));
        sensors.demo("DEMO-" + p + "-SF", SensorKind.SEWAGE_FLOW, c, "农村污水终端（演示）", lat - 0.004, lon + 0.001, day(1.8, 0));
    }

    /** 48 half-hourly values: from a start, drifting by a step each reading, with a small daily swing. */
    private static double[] day(double start, double step) {
        double[] values = new double[48];
        for (int i = 0; i < values.length; i++) {
            double v = start + step * i * 0.5 + (start > 5 ? Math.sin(i / 48.0 * 2 * Math.PI) : 0);
            values[i] = Math.max(0, Math.round(v * 100) / 100.0);
        }
        return values;
    }

    private void insertPlot(String c, String name, boolean greenhouse, String crop, double mu, String moisture, String soil,
            String air) {
        jdbc.sql("""
                insert into village_plot (village_code, name, greenhouse, crop, area_mu, moisture_sensor, soil_temp_sensor,
                    air_temp_sensor, demo)
                values (:v, :n, :g, :c, :a, :m, :s, :t, true)""")
                .param("v", c).param("n", name).param("g", greenhouse).param("c", crop).param("a", mu)
                .param("m", moisture).param("s", soil).param("t", air).update();
    }

    private void insertElder(String c, String name, String method, String meter, Instant consent, Instant lastCheckin) {
        jdbc.sql("""
                insert into village_elder (village_code, name, method, meter_sensor, consent_at, consent_by, last_checkin_at, demo)
                values (:v, :n, :m, :s, :at, '本人签字同意（演示）', :last, true)""")
                .param("v", c).param("n", name).param("m", method).param("s", meter).param("at", Timestamp.from(consent))
                .param("last", lastCheckin == null ? null : Timestamp.from(lastCheckin)).update();
    }
}
