package org.townbrain.sensing;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Demo sensors in 梅城镇 and 寿昌镇 (ids starting {@code DEMO-}, shown as "demo"): two rain gauges
 * and four manholes with the last day of readings, a shower included. Their tokens are random
 * and never shown; they only exist to make the pages show something on a fresh install.
 */
@Component
@ConditionalOnProperty(name = "townbrain.demo.enabled", havingValue = "true")
class DemoSensors implements ApplicationRunner {

    private final JdbcClient jdbc;
    private final Telemetry telemetry;
    private final Clock clock;

    DemoSensors(JdbcClient jdbc, Telemetry telemetry, Clock clock) {
        this.jdbc = jdbc;
        this.telemetry = telemetry;
        this.clock = clock;
    }

    private record Demo(String id, String kind, String town, String name, double lat, double lon, Double rim, String gauge) {
    }

    private static final List<Demo> DEMOS = List.of(
            new Demo("DEMO-RG-MC", "rain_gauge", "330182104", "梅城 雨量站（演示）", 29.5460, 119.4930, null, null),
            new Demo("DEMO-MH-MC-1", "manhole_level", "330182104", "梅城 正大街窨井（演示）", 29.5478, 119.4905, 1.8, "DEMO-RG-MC"),
            new Demo("DEMO-MH-MC-2", "manhole_level", "330182104", "梅城 南门窨井（演示）", 29.5441, 119.4962, 2.2, "DEMO-RG-MC"),
            new Demo("DEMO-RG-SC", "rain_gauge", "330182109", "寿昌 雨量站（演示）", 29.3850, 119.2180, null, null),
            new Demo("DEMO-MH-SC-1", "manhole_level", "330182109", "寿昌 老街窨井（演示）", 29.3868, 119.2151, 1.6, "DEMO-RG-SC"),
            new Demo("DEMO-MH-SC-2", "manhole_level", "330182109", "寿昌 航空路窨井（演示）", 29.3821, 119.2213, 2.4, "DEMO-RG-SC"));

    @Override
    public void run(ApplicationArguments args) {
        Long existing = jdbc.sql("select count(*) from sensing_device where id like 'DEMO-%' and village_code is null").query(Long.class).single();
        if (existing > 0) {
            return;
        }
        Timestamp now = Timestamp.from(clock.instant());
        for (Demo d : DEMOS) {
            jdbc.sql("""
                    insert into sensing_device (id, kind, town_code, name, lat, lon, rim_level_m, gauge_id, token_hash,
                        token_prefix, demo, created_at)
                    values (:id, :kind, :town, :name, :lat, :lon, :rim, :gauge, :hash, 'tbd_demo', true, :now)
                    on conflict (id) do nothing""")
                    .param("id", d.id()).param("kind", d.kind()).param("town", d.town()).param("name", d.name())
                    .param("lat", d.lat()).param("lon", d.lon()).param("rim", d.rim()).param("gauge", d.gauge())
                    .param("hash", Devices.hash(UUID.randomUUID().toString())).param("now", now).update();
        }
        Instant end = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        end = end.minusSeconds(end.getEpochSecond() % 300);
        List<TelemetryIngest.Incoming> rows = new ArrayList<>();
        for (int k = 288; k >= 0; k--) {
            Instant at = end.minusSeconds(300L * k);
            double hoursAgo = k / 12.0;
            double rain = hoursAgo > 5 && hoursAgo < 7 ? 2.5 * Math.sin((7 - hoursAgo) / 2 * Math.PI) : 0;
            double response = Math.max(0, Math.exp(-Math.pow(hoursAgo - 5, 2) / 2.5));
            for (Demo d : DEMOS) {
                double value = d.rim() == null ? Math.max(0, rain)
                        : 0.25 + 0.6 * d.rim() * response + 0.02 * Math.sin(k * 0.7 + d.lat());
                rows.add(new TelemetryIngest.Incoming(d.id(), at.toString(),
                        Double.parseDouble(String.format(Locale.ROOT, "%.3f", value))));
            }
        }
        telemetry.accept(rows, null, null);
    }
}
