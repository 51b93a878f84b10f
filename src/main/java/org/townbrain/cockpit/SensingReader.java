package org.townbrain.cockpit;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(ZoneId.of("Asia/Shanghai"));

    private final SensingOverview sensing;

    SensingReader(SensingOverview sensing) {
        this.sensing = sensing;
    }

    @Override
    public void read(Set<String> townCodes, String villageCode, Period period, boolean detailed, Figures figures) {
        if (villageCode != null) {
            return;
        }
        List<SensingOverview.OpenWarning> warnings = sensing.openWarnings(townCodes);
        figures.put("activeWarnings", warnings.size());
        if (warnings.stream().anyMatch(w -> w.level().isWarning())) {
            figures.trouble("cockpit.trouble.activeWarnings");
        }
        if (!detailed) {
            return;
        }
        figures.list("warnings", warnings.stream().limit(20).map(w -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("title", w.sensorName() + " · " + w.level().name());
            item.put("detail", (w.predictedOverflowAt() == null ? "" : "预计 " + TIME.format(w.predictedOverflowAt()) + " 溢流；")
                    + (w.why() == null ? "" : w.why()));
            item.put("severity", w.level().name().toLowerCase(java.util.Locale.ROOT));
            item.put("alarmId", w.alarmId());
            item.put("version", w.version());
            item.put("state", w.state());
            return item;
        }).toList());
        for (SensingOverview.SensorPoint p : sensing.sensors(townCodes)) {
            String severity = warnings.stream().filter(w -> w.sensorId().equals(p.sensorId())).findFirst()
                    .map(w -> w.level().name().toLowerCase(java.util.Locale.ROOT)).orElse(p.online() ? null : "offline");
            figures.marker("sensor", p.name(), p.lat(), p.lon(), severity);
        }
    }
}
