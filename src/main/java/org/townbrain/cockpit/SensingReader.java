package org.townbrain.cockpit;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.townbrain.sensing.SensingOverview;

/**
 * Early warnings: the open ones worst first (with the predicted overflow time and why), and the
 * sensors and warnings on the map. An orange or red warning puts the unit in trouble.
 */
@Component
@Order(30)
class SensingReader implements FigureReader {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm");

    /** Sensor markers on the map at most (warnings first, then offline sensors, then the others). */
    static final int MAX_SENSOR_MARKERS = 2_000;

    private final SensingOverview sensing;

    private final java.time.Clock clock;

    SensingReader(SensingOverview sensing, java.time.Clock clock) {
        this.clock = clock;
        this.sensing = sensing;
    }

    @Override
    public void read(Unit unit, Period period, Figures figures, Map<String, Figures> children) {
        if (unit.villageCode() != null) {
            return;
        }
        List<SensingOverview.OpenWarning> warnings = sensing.openWarnings(unit.townCodes());
        fill(warnings, figures);
        if (!unit.children().isEmpty()) {
            Map<String, List<SensingOverview.OpenWarning>> byTown = new HashMap<>();
            warnings.forEach(w -> byTown.computeIfAbsent(w.townCode(), k -> new ArrayList<>()).add(w));
            for (Unit.Child child : unit.children()) {
                if (!child.village()) {
                    fill(child.townCodes().stream().flatMap(t -> byTown.getOrDefault(t, List.of()).stream()).toList(),
                            children.get(child.id()));
                }
            }
        }
        figures.list("warnings", warnings.stream().limit(20).map(w -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("title", w.sensorName());
            item.put("badge", "sensing.level." + w.level().name().toLowerCase(Locale.ROOT));
            if (w.predictedOverflowAt() != null) {
                item.put("predicted", TIME.withZone(clock.getZone()).format(w.predictedOverflowAt()));
            }
            item.put("detail", w.why() == null ? "" : w.why());
            item.put("severity", w.level().name().toLowerCase(Locale.ROOT));
            item.put("alarmId", w.alarmId());
            item.put("version", w.version());
            item.put("state", w.state());
            return item;
        }).toList());
        // the worst open warning of each sensor (the list comes worst first)
        Map<String, String> severities = new HashMap<>();
        warnings.forEach(w -> severities.putIfAbsent(w.sensorId(), w.level().name().toLowerCase(Locale.ROOT)));
        // a province has ~100,000 sensors: the map shows the ones that need attention first
        List<SensingOverview.SensorPoint> points = sensing.sensors(unit.townCodes(), MAX_SENSOR_MARKERS);
        for (SensingOverview.SensorPoint p : points) {
            String severity = severities.getOrDefault(p.sensorId(), p.online() ? null : "offline");
            figures.marker("sensor", p.name(), p.lat(), p.lon(), severity);
        }
    }

    private static void fill(List<SensingOverview.OpenWarning> warnings, Figures figures) {
        figures.put("activeWarnings", warnings.size());
        if (warnings.stream().anyMatch(w -> w.level().isWarning())) {
            figures.trouble("cockpit.trouble.activeWarnings");
        }
    }
}
