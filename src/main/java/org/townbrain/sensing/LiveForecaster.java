package org.townbrain.sensing;

import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.townbrain.sensing.forecast.Nowcasts;
import org.townbrain.sensing.forecast.OverflowForecaster;
import org.townbrain.sensing.forecast.SensorSpec;
import org.townbrain.sensing.forecast.Warning;

/**
 * The overflow forecaster running on live readings of every manhole and rain gauge. It is
 * rebuilt (and relearns from the readings that follow) when a sensor it does not know reports.
 * Rain nowcasts come in through {@code POST /api/sensing/nowcasts}.
 */
@Component
class LiveForecaster {

    private final JdbcClient jdbc;
    private final Nowcasts nowcasts = Nowcasts.none();
    private OverflowForecaster forecaster;
    private final List<Warning> issued = new ArrayList<>();

    LiveForecaster(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Feeds one reading; returns the warnings it caused. */
    synchronized List<Warning> observe(String sensorId, long observedAt, double value) {
        if (forecaster == null || forecaster.manhole(sensorId) < 0 && forecaster.gauge(sensorId) < 0) {
            rebuild();
        }
        issued.clear();
        forecaster.observe(sensorId, observedAt, value);
        return List.copyOf(issued);
    }

    /** Drops what it learned; it is rebuilt and relearns from the next reading on. */
    synchronized void forget() {
        forecaster = null;
    }

    private void rebuild() {
        List<SensorSpec> sensors = jdbc.sql("""
                select id, kind, town_code, lat, lon, rim_level_m, gauge_id from sensing_device
                where kind in ('manhole_level', 'rain_gauge')""")
                .query((rs, n) -> {
                    boolean manhole = rs.getString(2).equals("manhole_level");
                    Double rim = (Double) rs.getObject(6);
                    return new SensorSpec(rs.getString(1), manhole, rs.getString(3),
                            rs.getObject(4) == null ? Double.NaN : rs.getDouble(4),
                            rs.getObject(5) == null ? Double.NaN : rs.getDouble(5),
                            rim == null ? Double.NaN : rim, rs.getString(7));
                }).list().stream().filter(s -> !s.manhole() || !Double.isNaN(s.rimLevel())).toList();
        forecaster = new OverflowForecaster(sensors, nowcasts, issued::add);
    }

    /** Newly issued rain nowcasts, used from the next reading on. */
    void nowcasts(List<Nowcasts.Window> windows) {
        nowcasts.add(windows);
    }
}
