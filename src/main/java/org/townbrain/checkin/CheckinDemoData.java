package org.townbrain.checkin;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
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
import org.townbrain.region.Regions;
import org.townbrain.region.Town;

/**
 * Demo venues and enterprises for Jiande, all flagged {@code demo} and shown with a badge:
 * three venues per programme town with two weeks of anonymous daily counts, and three
 * enterprises per town (made-up names, codes with valid check characters) with a week of
 * resumption reports. No demo visitor or phone number is invented.
 */
@Component("checkinDemoData")
@Order(20)
@ConditionalOnProperty(name = "townbrain.demo.enabled", havingValue = "true")
class CheckinDemoData implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(CheckinDemoData.class);
    private static final List<String[]> VENUES = List.of(new String[] {"便民服务中心", "PUBLIC_SERVICE"},
            new String[] {"农贸市场", "MARKET"}, new String[] {"游客中心", "SCENIC_SPOT"});
    private static final List<String[]> FIRMS = List.of(new String[] {"精密机械", "MANUFACTURING", "MEDIUM", "120"},
            new String[] {"农业开发", "AGRICULTURE", "SMALL", "35"}, new String[] {"文旅发展", "TOURISM", "SMALL", "48"});
    private static final String[] NEEDS = {"缺少熟练工约10人，请协助对接用工", "原料运输车辆通行证办理", "申请防疫物资（口罩2000只）",
            "流动资金周转困难，希望对接银行贷款"};

    private final JdbcClient jdbc;
    private final Regions regions;
    private final Clock clock;
    private final CheckinProperties properties;
    private final TransactionTemplate transaction;

    CheckinDemoData(JdbcClient jdbc, Regions regions, Clock clock, CheckinProperties properties,
            TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.regions = regions;
        this.clock = clock;
        this.properties = properties;
        this.transaction = transaction;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (jdbc.sql("select count(*) from checkin_venue where demo").query(Long.class).single() > 0) {
            return;
        }
        List<Town> towns = regions.towns().stream().filter(Town::inProgramme).toList();
        if (towns.isEmpty()) {
            return;
        }
        transaction.executeWithoutResult(status -> load(towns));
        log.info("Loaded check-in demo data: {} venues and {} enterprises (flagged demo)", towns.size() * VENUES.size(),
                towns.size() * FIRMS.size());
    }

    private void load(List<Town> towns) {
        Random random = new Random(20261127);
        LocalDate today = LocalDate.ofInstant(clock.instant(), clock.getZone());
        Timestamp now = Timestamp.from(clock.instant());
        for (Town town : towns) {
            String shortName = town.name().replaceAll("(镇|街道|乡)$", "");
            for (String[] venue : VENUES) {
                long id = jdbc.sql("""
                        insert into checkin_venue (code, name, type, town_code, demo, created_at, capacity)
                        values (:code, :name, :type, :town, true, :at, :capacity) returning id""")
                        .param("code", VenueCode.random().value()).param("name", town.name() + venue[0])
                        .param("type", venue[1]).param("town", town.code()).param("at", now)
                        .param("capacity", 100 + random.nextInt(400)).query(Long.class).single();
                for (int d = 1; d <= 14; d++) {
                    jdbc.sql("insert into checkin_daily_count (venue_id, day, checkins, demo) values (:v, :day, :n, true)")
                            .param("v", id).param("day", today.minusDays(d)).param("n", 20 + random.nextInt(180)).update();
                }
            }
            for (String[] firm : FIRMS) {
                String first17 = "91330182MA2" + randomChars(random, 6);
                String uscc = first17 + Uscc.checkCharacter(first17);
                int workers = Integer.parseInt(firm[3]) + random.nextInt(40);
                var villages = regions.villages(town.code());
                String village = villages.isEmpty() ? null : villages.get(random.nextInt(villages.size())).code();
                long id = jdbc.sql("""
                        insert into checkin_enterprise (uscc, name, town_code, village_code, industry, size, workers, demo, created_at)
                        values (:uscc, :name, :town, :village, :industry, :size, :workers, true, :at) returning id""")
                        .param("uscc", uscc).param("name", "建德市" + shortName + firm[0] + "有限公司（演示）")
                        .param("town", town.code()).param("village", village).param("industry", firm[1])
                        .param("size", firm[2]).param("workers", workers).param("at", now).query(Long.class).single();
                double rate = 0.45 + random.nextDouble() * 0.2;
                for (int d = 6; d >= 0; d--) {
                    rate = Math.min(0.97, rate + 0.03 + random.nextDouble() * 0.05);
                    int back = (int) Math.round(workers * rate);
                    String need = d == 0 && random.nextInt(3) == 0 ? NEEDS[random.nextInt(NEEDS.length)] : null;
                    jdbc.sql("""
                            insert into checkin_resumption_report (enterprise_id, day, workers_expected, workers_back,
                                capacity_percent, needs, reported_by, created_at)
                            values (:e, :day, :expected, :back, :capacity, :needs, 'demo', :at)""")
                            .param("e", id).param("day", today.minusDays(d)).param("expected", workers).param("back", back)
                            .param("capacity", Math.min(100, (int) Math.round(rate * 90))).param("needs", need)
                            .param("at", now).update();
                }
            }
        }
    }

    private static String randomChars(Random random, int n) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < n; i++) {
            out.append(Uscc.CHARSET.charAt(random.nextInt(Uscc.CHARSET.length())));
        }
        return out.toString();
    }
}
