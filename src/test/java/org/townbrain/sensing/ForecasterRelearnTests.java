package org.townbrain.sensing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.townbrain.sensing.bench.StormSimulator;
import org.townbrain.sensing.forecast.CatchmentModel;
import org.townbrain.sensing.forecast.Nowcasts;
import org.townbrain.sensing.forecast.OverflowForecaster;
import org.townbrain.sensing.forecast.SensorSpec;
import org.townbrain.sensing.forecast.Timestamps;
import org.townbrain.support.IntegrationTest;

/**
 * After a restart the overflow forecaster knows each catchment as well as before: it reads the
 * stored history again and learns exactly what a forecaster that never stopped learnt.
 */
@IntegrationTest
class ForecasterRelearnTests {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JdbcTemplate template;

    @Autowired
    LiveForecaster live;

    @Autowired
    TelemetryPartitions partitions;

    @Autowired
    SensingProperties properties;

    @Test
    void nowcastsOutliveARestart() {
        long now = Instant.now().getEpochSecond();
        live.nowcasts(List.of(new Nowcasts.Window("RL-NOWCAST-RG", now, now, now + 3600, 12.5)));
        try {
            LiveForecaster restarted = new LiveForecaster(jdbc, properties, java.time.Clock.systemUTC());
            assertThat(restarted.nowcasted("RL-NOWCAST-RG")).isTrue();
            assertThat(restarted.nowcasted("RL-NO-SUCH-GAUGE")).isFalse();
        } finally {
            jdbc.sql("delete from sensing_nowcast where gauge_id like 'RL-%'").update();
        }
    }

    @Test
    void afterARestartEachCatchmentIsLearntAgainFromTheStoredHistory(@TempDir Path dir) throws Exception {
        // four weeks of a simulated early flood season ending yesterday: one gauge, two manholes
        long start = Instant.now().minus(29, ChronoUnit.DAYS).truncatedTo(ChronoUnit.DAYS).getEpochSecond();
        StormSimulator sim = new StormSimulator(new StormSimulator.Config(20260601, 1, 2, 28, start));
        sim.write(dir);
        List<SensorSpec> sensors = new ArrayList<>();
        for (SensorSpec s : sim.sensors) {
            // positions as a device registers them (5 decimals), not 29.401999999999997, which a page would show
            sensors.add(new SensorSpec("RL-" + s.id(), s.manhole(), s.townCode(), Math.round(s.lat() * 1e5) / 1e5,
                    Math.round(s.lon() * 1e5) / 1e5, s.rimLevel(),
                    s.gaugeId() == null ? null : "RL-" + s.gaugeId()));
        }
        for (SensorSpec s : sensors) {
            jdbc.sql("""
                    insert into sensing_device (id, kind, town_code, name, lat, lon, rim_level_m, gauge_id, token_hash,
                                                token_prefix, created_at)
                    values (:id, :kind, '330182104', :id, :lat, :lon, :rim, :gauge, :hash, 'rl', now())""")
                    .param("id", s.id()).param("kind", s.manhole() ? "manhole_level" : "rain_gauge")
                    .param("lat", s.lat()).param("lon", s.lon()).param("rim", s.manhole() ? s.rimLevel() : null)
                    .param("gauge", s.gaugeId()).param("hash", "relearn-" + s.id()).update();
        }
        List<String> lines = Files.readAllLines(dir.resolve("T.csv"));
        lines = lines.subList(1, lines.size());
        TreeSet<YearMonth> months = new TreeSet<>();
        List<Object[]> rows = new ArrayList<>();
        for (String line : lines) {
            String[] f = line.split(",");
            Instant at = Instant.ofEpochSecond(Timestamps.parse(f[1]));
            months.add(YearMonth.from(at.atZone(ZoneOffset.UTC)));
            rows.add(new Object[] {"RL-" + f[0], Timestamp.from(at), Double.parseDouble(f[2])});
        }
        partitions.ensure(months);
        // stored and digested long ago (no pending batch): history, as after a restart
        Timestamp received = Timestamp.from(Instant.now().minus(1, ChronoUnit.HOURS));
        template.batchUpdate("insert into sensing_reading (sensor_id, observed_at, value, received_at) values (?, ?, ?, ?)",
                rows.stream().map(r -> new Object[] {r[0], r[1], r[2], received}).toList());

        // a forecaster that saw every reading as it came
        OverflowForecaster never = new OverflowForecaster(sensors, Nowcasts.none(), w -> { });
        CatchmentModel untrained = new OverflowForecaster(sensors, Nowcasts.none(), w -> { }).model("RL-MH001");
        for (Object[] r : rows) {
            never.observe((String) r[0], ((Timestamp) r[1]).toInstant().getEpochSecond(), (Double) r[2]);
        }

        live.forget(); // as after a restart
        try {
            for (String manhole : List.of("RL-MH001", "RL-MH002")) {
                assertThat(never.model(manhole)).as("the storms taught it something").isNotEqualTo(untrained);
                assertThat(live.model(manhole)).as(manhole).isEqualTo(never.model(manhole));
            }

            // a manhole registered later joins on the known gauge; nothing else is relearnt or forgotten
            jdbc.sql("""
                    insert into sensing_device (id, kind, town_code, name, lat, lon, rim_level_m, gauge_id, token_hash,
                                                token_prefix, created_at)
                    values ('RL-MH009', 'manhole_level', '330182104', 'RL-MH009', 29.6, 119.3, 1.5, 'RL-RG1',
                            'relearn-RL-MH009', 'rl', now())""").update();
            assertThat(live.model("RL-MH009")).as("not known before its first reading").isNull();
            live.ready(List.of("RL-MH009"), Instant.now());
            assertThat(live.model("RL-MH009")).isEqualTo(untrained);
            assertThat(live.model("RL-MH001")).isEqualTo(never.model("RL-MH001"));
        } finally {
            // other tests' pages and counts do not expect four weeks of storms in 梅城
            jdbc.sql("delete from sensing_reading where sensor_id like 'RL-%'").update();
            jdbc.sql("delete from sensing_device where id like 'RL-%'").update();
            live.forget();
        }
    }
}
