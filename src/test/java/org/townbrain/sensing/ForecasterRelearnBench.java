package org.townbrain.sensing;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.PGConnection;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.townbrain.sensing.bench.StormSimulator;
import org.townbrain.sensing.forecast.SensorSpec;
import org.townbrain.sensing.forecast.Timestamps;
import org.townbrain.support.IntegrationTest;

/**
 * How long the overflow forecaster takes to relearn 30 days of a county's manholes and gauges
 * (20 gauges, 100 manholes, 5-minute readings: about a million) from PostgreSQL: the time the
 * first reading after a start, or a newly registered sensor, waits for it. Three rebuilds.
 */
@Tag("bench")
@EnabledIfSystemProperty(named = "bench", matches = "true")
@IntegrationTest
class ForecasterRelearnBench {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    LiveForecaster live;

    @Autowired
    TelemetryPartitions partitions;

    @Test
    void relearnThirtyDaysOfACounty(@TempDir Path dir) throws Exception {
        long start = Instant.now().minus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.DAYS).getEpochSecond();
        StormSimulator sim = new StormSimulator(new StormSimulator.Config(20261127, 20, 5, 29, start));
        sim.write(dir);
        for (SensorSpec s : sim.sensors) {
            jdbc.sql("""
                    insert into sensing_device (id, kind, town_code, name, lat, lon, rim_level_m, gauge_id, token_hash,
                                                token_prefix, created_at)
                    values (:id, :kind, '330182104', :id, 29.5, 119.3, :rim, :gauge, :hash, 'rb', now())""")
                    .param("id", "RB-" + s.id()).param("kind", s.manhole() ? "manhole_level" : "rain_gauge")
                    .param("rim", s.manhole() ? s.rimLevel() : null)
                    .param("gauge", s.gaugeId() == null ? null : "RB-" + s.gaugeId()).param("hash", "bench-" + s.id()).update();
        }
        List<String> lines = Files.readAllLines(dir.resolve("T.csv"));
        StringBuilder csv = new StringBuilder(lines.size() * 60);
        Set<YearMonth> months = new TreeSet<>();
        String received = Instant.now().minus(1, ChronoUnit.HOURS).toString();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            Instant at = Instant.ofEpochSecond(Timestamps.parse(f[1]));
            months.add(YearMonth.from(at.atZone(ZoneOffset.UTC)));
            csv.append("RB-").append(f[0]).append(',').append(at).append(',').append(f[2]).append(',').append(received).append('\n');
        }
        partitions.ensure(months);
        try (Connection c = dataSource.getConnection()) {
            long rows = c.unwrap(PGConnection.class).getCopyAPI().copyIn(
                    "copy sensing_reading (sensor_id, observed_at, value, received_at) from stdin (format csv)",
                    new StringReader(csv.toString()));
            c.createStatement().execute("analyze sensing_reading");
            System.out.printf("relearn bench: %d sensors, %d stored readings over 29 days%n", sim.sensors.size(), rows);
        }
        try {
            for (int run = 1; run <= 3; run++) {
                live.forget();
                long t0 = System.nanoTime();
                live.model("RB-MH001");
                System.out.printf("relearn bench: rebuild %d took %d ms%n", run, (System.nanoTime() - t0) / 1_000_000);
            }
        } finally {
            jdbc.sql("delete from sensing_reading where sensor_id like 'RB-%'").update();
            jdbc.sql("delete from sensing_device where id like 'RB-%'").update();
            live.forget();
        }
    }
}
