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
 * project points and 18 routes; 寿昌's "909" night market and the other markets of the 909 night
 * economy, with opening hours and visitors per night. Places have names of the kind the county
 * uses and approximate positions ({@code tourism/demo-sites.csv}, {@code demo-routes.csv}); every
 * other figure is generated (seeded, repeatable) and everything is marked demo.
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
        if (regions.town(MEICHENG).isEmpty()) {
            return;
        }
        if (jdbc.sql("select count(*) from tourism_holiday").query(Integer.class).single() == 0) {
            transaction.executeWithoutResult(status -> loadDaily(loadHolidays()));
            log.info("Loaded demo tourism figures for Jiande (labelled demo)");
        }
        // on their own: a database whose filler places a migration removed gets the new ones
        if (jdbc.sql("select count(*) from tourism_site where demo").query(Integer.class).single() == 0) {
            transaction.executeWithoutResult(status -> loadSites());
            log.info("Loaded demo tourism places, routes and night markets for Jiande (labelled demo)");
        }
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

    /** Scenic spots, 乾潭's 33 project points, the 909 night markets (with positions) and the routes linking them. */
    private void loadSites() {
        Map<String, Long> ids = new HashMap<>();
        for (String[] c : csv("tourism/demo-sites.csv", 9)) {
            ids.put(c[0], insertSite(c[1], c[2], c[3], c[4] + "（演示数据）", c[5], c[6].isBlank() ? null : c[6],
                    Double.valueOf(c[7]), Double.valueOf(c[8])));
        }
        for (String[] c : csv("tourism/demo-routes.csv", 4)) {
            Long cluster = regions.town(c[1]).map(Town::clusterId).orElse(null);
            insertRoute(c[0], cluster, c[2], java.util.Arrays.stream(c[3].split("\\|")).map(key -> {
                Long id = ids.get(key);
                if (id == null) {
                    throw new IllegalStateException("Demo route " + c[0] + " names an unknown place " + key);
                }
                return id;
            }).toList());
        }
        loadNightVisits();
    }

    /** Visitors per night at each demo night market over the last 120 days: weekends and holidays busier. */
    private void loadNightVisits() {
        LocalDate last = LocalDate.now(clock).minusDays(1);
        List<Long> markets = jdbc.sql("select id from tourism_site where demo and kind = 'NIGHT_MARKET' order by id")
                .query(Long.class).list();
        for (long market : markets) {
            SplittableRandom random = new SplittableRandom(market * 31);
            int base = 600 + random.nextInt(1400);
            StringBuilder days = new StringBuilder();
            StringBuilder visitors = new StringBuilder();
            for (LocalDate d = last.minusDays(119); !d.isAfter(last); d = d.plusDays(1)) {
                boolean weekend = d.getDayOfWeek() == DayOfWeek.FRIDAY || d.getDayOfWeek() == DayOfWeek.SATURDAY;
                double season = 1 + 0.35 * Math.sin((d.getDayOfYear() - 110) / 365.0 * 2 * Math.PI);
                int v = (int) (base * season * (weekend ? 1.8 : 1.0) * (0.8 + 0.4 * random.nextDouble()));
                days.append(days.isEmpty() ? "" : ",").append(d);
                visitors.append(visitors.isEmpty() ? "" : ",").append(v);
            }
            jdbc.sql("""
                    insert into tourism_site_visits (site_id, day, visitors)
                    select :id, d, v from unnest(string_to_array(:days, ',')::date[], string_to_array(:visitors, ',')::int[]) as x(d, v)""")
                    .param("id", market).param("days", days.toString()).param("visitors", visitors.toString()).update();
        }
    }

    private static List<String[]> csv(String resource, int columns) {
        List<String[]> rows = new ArrayList<>();
        try (var reader = new BufferedReader(new InputStreamReader(new ClassPathResource(resource).getInputStream(),
                StandardCharsets.UTF_8))) {
            reader.readLine();
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    rows.add(java.util.Arrays.copyOf(line.split(",", -1), columns));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    private long insertSite(String town, String kind, String name, String description, String brand, String hours,
            Double lon, Double lat) {
        return jdbc.sql("""
                insert into tourism_site (town_code, kind, name, description, brand, opening_hours, longitude, latitude, demo)
                values (:t, :k, :n, :d, :b, :h, :lon, :lat, true) returning id""")
                .param("t", town).param("k", kind).param("n", name).param("d", description).param("b", brand).param("h", hours)
                .param("lon", lon).param("lat", lat).query(Long.class).single();
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
