package org.townbrain.village;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.townbrain.region.Village;
import org.townbrain.sensing.SensorKind;
import org.townbrain.sensing.VillageSensors;
import org.townbrain.sensing.VillageSensors.VillageSensor;

/** Builds a village's scenarios from its own rows and its sensors' last values and open alarms. */
@Component
class Scenarios {

    private final JdbcClient jdbc;
    private final VillageSensors sensors;
    private final VillageProperties properties;
    private final Clock clock;

    Scenarios(JdbcClient jdbc, VillageSensors sensors, VillageProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.sensors = sensors;
        this.properties = properties;
        this.clock = clock;
    }

    VillageBrain of(Village village, String townName, boolean demo) {
        String code = village.code();
        Map<String, VillageSensor> byId = sensors.of(code).stream()
                .collect(Collectors.toMap(VillageSensor::id, Function.identity(), (a, b) -> a, LinkedHashMap::new));
        List<VillageBrain.Scenario> production = List.of(plots(code, byId), cooperatives(code), sales(code));
        List<VillageBrain.Scenario> life = List.of(elderly(code, byId), notices(code));
        List<VillageBrain.Scenario> ecology = List.of(
                sensed("water", byId, Set.of(SensorKind.RIVER_LEVEL, SensorKind.AMMONIA)),
                waste(code), sensed("sewage", byId, Set.of(SensorKind.SEWAGE_FLOW)), reports(code));
        return new VillageBrain(code, village.name(), village.townCode(), townName, demo, production, life, ecology);
    }

    private VillageBrain.Scenario plots(String code, Map<String, VillageSensor> byId) {
        List<Map<String, Object>> items = new ArrayList<>();
        List<String> watched = new ArrayList<>();
        double area = 0;
        int now = 0;
        for (Map<String, Object> row : jdbc.sql("""
                select name, greenhouse, crop, area_mu, moisture_sensor, soil_temp_sensor, air_temp_sensor, demo
                from village_plot where village_code = :v order by id""").param("v", code).query().listOfRows()) {
            Double moisture = value(byId, (String) row.get("moisture_sensor"));
            Double soil = value(byId, (String) row.get("soil_temp_sensor"));
            Double air = value(byId, (String) row.get("air_temp_sensor"));
            IrrigationAdvice advice = IrrigationAdvice.of(moisture, air, properties.irrigation());
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("name", row.get("name"));
            item.put("greenhouse", row.get("greenhouse"));
            item.put("crop", row.get("crop"));
            item.put("areaMu", ((Number) row.get("area_mu")).doubleValue());
            item.put("soilMoisture", moisture);
            item.put("soilTemperature", soil);
            item.put("airTemperature", air);
            item.put("advice", advice.name());
            item.put("adviceKey", advice.key());
            item.put("demo", row.get("demo"));
            items.add(item);
            area += ((Number) row.get("area_mu")).doubleValue();
            now += advice == IrrigationAdvice.NOW ? 1 : 0;
            for (String column : List.of("moisture_sensor", "soil_temp_sensor", "air_temp_sensor")) {
                if (row.get(column) != null) {
                    watched.add((String) row.get(column));
                }
            }
        }
        return scenario("plots", figures("plots", items.size(), "areaMu", Math.round(area * 10) / 10.0,
                "irrigateNow", now), items, alarms(byId, watched));
    }

    private VillageBrain.Scenario cooperatives(String code) {
        List<Map<String, Object>> items = jdbc.sql("""
                select name, product, members, output_tonnes as "outputTonnes", output_yuan as "outputYuan", year, demo
                from village_cooperative where village_code = :v order by output_yuan desc""")
                .param("v", code).query().listOfRows();
        long members = items.stream().mapToLong(i -> ((Number) i.get("members")).longValue()).sum();
        long yuan = items.stream().mapToLong(i -> ((Number) i.get("outputYuan")).longValue()).sum();
        return scenario("cooperatives", figures("cooperatives", items.size(), "members", members, "outputYuan", yuan),
                items, List.of());
    }

    private VillageBrain.Scenario sales(String code) {
        LocalDate today = LocalDate.now(clock);
        List<Map<String, Object>> items = jdbc.sql("""
                select product, sum(amount_yuan) as "amountYuan", count(*) as "sales"
                from village_sale where village_code = :v and sold_on >= :year
                group by product order by 2 desc""")
                .param("v", code).param("year", today.withDayOfYear(1)).query().listOfRows();
        long month = jdbc.sql("""
                select coalesce(sum(amount_yuan), 0) from village_sale where village_code = :v and sold_on >= :month""")
                .param("v", code).param("month", today.withDayOfMonth(1)).query(Long.class).single();
        long year = items.stream().mapToLong(i -> ((Number) i.get("amountYuan")).longValue()).sum();
        return scenario("sales", figures("yearYuan", year, "monthYuan", month, "products", items.size()), items, List.of());
    }

    private VillageBrain.Scenario elderly(String code, Map<String, VillageSensor> byId) {
        ZonedDateTime startOfDay = LocalDate.now(clock).atStartOfDay(clock.getZone());
        List<Map<String, Object>> items = new ArrayList<>();
        List<String> meters = new ArrayList<>();
        int checkedIn = 0;
        int missing = 0;
        for (Map<String, Object> row : jdbc.sql("""
                select id, name, method, meter_sensor, consent_at, last_checkin_at, case_requested_on, version, demo
                from village_elder where village_code = :v order by id""").param("v", code).query().listOfRows()) {
            Map<String, Object> item = new LinkedHashMap<>();
            boolean meter = "METER".equals(row.get("method"));
            Timestamp last = (Timestamp) row.get("last_checkin_at");
            boolean today = last != null && !last.toInstant().isBefore(startOfDay.toInstant());
            item.put("id", row.get("id"));
            item.put("name", Masking.name((String) row.get("name")));
            item.put("method", row.get("method"));
            item.put("methodKey", "village.elder.method." + ((String) row.get("method")).toLowerCase(java.util.Locale.ROOT));
            item.put("consentAt", ((Timestamp) row.get("consent_at")).toInstant());
            item.put("lastCheckinAt", last == null ? null : last.toInstant());
            item.put("checkedInToday", today);
            item.put("caseRequested", row.get("case_requested_on") != null);
            item.put("version", row.get("version"));
            item.put("demo", row.get("demo"));
            if (meter && row.get("meter_sensor") != null) {
                meters.add((String) row.get("meter_sensor"));
                VillageSensor s = byId.get((String) row.get("meter_sensor"));
                item.put("meterOnline", s != null && s.online());
                item.put("meterAlarm", s != null && !s.openAlarms().isEmpty());
            } else {
                checkedIn += today ? 1 : 0;
                missing += today ? 0 : 1;
            }
            items.add(item);
        }
        List<VillageBrain.Alarm> alarms = alarms(byId, meters);
        return scenario("elderly", figures("watched", items.size(), "checkedInToday", checkedIn, "notCheckedIn", missing,
                "meterAlarms", alarms.size()), items, alarms);
    }

    private VillageBrain.Scenario notices(String code) {
        List<Map<String, Object>> items = jdbc.sql("""
                select title, body, published_at as "publishedAt", demo from village_notice where village_code = :v
                order by published_at desc limit 10""").param("v", code).query().listOfRows();
        items = items.stream().map(Scenarios::instants).toList();
        return scenario("notices", figures("notices", items.size()), items, List.of());
    }

    private VillageBrain.Scenario waste(String code) {
        List<Map<String, Object>> items = jdbc.sql("""
                select distinct on (group_name) group_name as "group", households, sorted_households as "sortedHouseholds",
                       round(100.0 * sorted_households / households, 1) as "ratePercent", checked_on as "checkedOn",
                       case_requested as "caseRequested", demo
                from village_waste_group where village_code = :v order by group_name, checked_on desc, id desc""")
                .param("v", code).query().listOfRows();
        items = items.stream().map(Scenarios::instants).toList();
        long households = items.stream().mapToLong(i -> ((Number) i.get("households")).longValue()).sum();
        long sorted = items.stream().mapToLong(i -> ((Number) i.get("sortedHouseholds")).longValue()).sum();
        double target = properties.wasteSortingTarget() * 100;
        long below = items.stream().filter(i -> ((Number) i.get("ratePercent")).doubleValue() < target).count();
        return scenario("waste", figures("groups", items.size(), "ratePercent",
                households == 0 ? null : Math.round(1000.0 * sorted / households) / 10.0, "targetPercent", target,
                "belowTarget", below), items, List.of());
    }

    private VillageBrain.Scenario reports(String code) {
        List<Map<String, Object>> items = jdbc.sql("""
                select kind, description, reported_at as "reportedAt", demo from village_report
                where village_code = :v and reported_at >= :since order by reported_at desc limit 20""")
                .param("v", code).param("since", Timestamp.from(clock.instant().minus(java.time.Duration.ofDays(30))))
                .query().listOfRows();
        items = items.stream().map(Scenarios::instants).map(i -> {
            i.put("kindKey", "village.report.kind." + ((String) i.get("kind")).toLowerCase(java.util.Locale.ROOT));
            return i;
        }).toList();
        long burning = items.stream().filter(i -> "BURNING".equals(i.get("kind"))).count();
        return scenario("reports", figures("reports", items.size(), "burning", burning, "littering", items.size() - burning),
                items, List.of());
    }

    /** A scenario of the village's sensors of some kinds: their last values, state and open alarms. */
    private VillageBrain.Scenario sensed(String key, Map<String, VillageSensor> byId, Set<SensorKind> kinds) {
        List<Map<String, Object>> items = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        int online = 0;
        int running = 0;
        for (VillageSensor s : byId.values()) {
            if (!kinds.contains(s.kind())) {
                continue;
            }
            ids.add(s.id());
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("sensorId", s.id());
            item.put("name", s.name());
            item.put("kind", s.kind().name());
            item.put("kindKey", "sensing.kind." + s.kind().name());
            item.put("value", s.lastValue());
            item.put("unit", s.kind().unit());
            item.put("lastValueAt", s.lastValueAt());
            item.put("online", s.online());
            if (s.kind() == SensorKind.AMMONIA && s.lastValue() != null) {
                item.put("waterClassKey", "village.water.class." + WaterClass.ofAmmonia(s.lastValue()).name().toLowerCase(java.util.Locale.ROOT));
            }
            if (s.kind() == SensorKind.SEWAGE_FLOW) {
                String state = !s.online() ? "offline" : s.openAlarms().isEmpty() ? "running" : "stopped";
                item.put("stateKey", "village.sewage." + state);
                running += state.equals("running") ? 1 : 0;
            }
            online += s.online() ? 1 : 0;
            items.add(item);
        }
        List<VillageBrain.Alarm> alarms = alarms(byId, ids);
        Map<String, Object> figures = key.equals("sewage")
                ? figures("terminals", items.size(), "running", running, "offline", items.size() - online)
                : figures("sensors", items.size(), "online", online, "openAlarms", alarms.size());
        return scenario(key, figures, items, alarms);
    }

    private static List<VillageBrain.Alarm> alarms(Map<String, VillageSensor> byId, List<String> sensorIds) {
        List<VillageBrain.Alarm> alarms = new ArrayList<>();
        for (String id : sensorIds) {
            VillageSensor s = byId.get(id);
            if (s != null) {
                s.openAlarms().forEach(a -> alarms.add(new VillageBrain.Alarm(a.id(), s.name(),
                        a.level().name().toLowerCase(java.util.Locale.ROOT), a.state(), a.raisedAt(), a.why(), a.caseRequested())));
            }
        }
        return alarms;
    }

    private static Double value(Map<String, VillageSensor> byId, String sensorId) {
        VillageSensor s = sensorId == null ? null : byId.get(sensorId);
        return s == null || !s.online() ? null : s.lastValue();
    }

    private static Map<String, Object> instants(Map<String, Object> row) {
        Map<String, Object> copy = new LinkedHashMap<>(row);
        copy.replaceAll((k, v) -> v instanceof Timestamp t ? t.toInstant() : v instanceof java.sql.Date d ? d.toLocalDate() : v);
        return copy;
    }

    private static Map<String, Object> figures(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    private static VillageBrain.Scenario scenario(String key, Map<String, Object> figures, List<Map<String, Object>> items,
            List<VillageBrain.Alarm> alarms) {
        return new VillageBrain.Scenario(key, figures, items, alarms);
    }
}
