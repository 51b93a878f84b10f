package org.townbrain.sensing;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.townbrain.platform.scope.Scope;
import org.townbrain.sensing.forecast.Skill;
import org.townbrain.sensing.forecast.SkillScorer;
import org.townbrain.sensing.forecast.Warning;

/**
 * The season report: the forecaster's warnings scored against the manholes' own measured
 * levels by the same rules as the benchmark (the measured level stands in for the truth, so a
 * faulty sensor's spikes can count as overflows).
 */
@Component
class SeasonReport {

    private final JdbcClient jdbc;

    SeasonReport(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Row(String sensorId, String name, String townCode, Skill skill, int alarms) {
    }

    /**
     * @param warnings the forecaster's warnings issued in the period
     * @param alarms the alarms raised in the period in the caller's towns, of every sensor and rule: the
     *        same alarms the alarm inbox lists, so a season with alarms never reads as a quiet one
     */
    record Report(Skill total, List<Row> rows, int warnings, int alarms) {
    }

    Report build(Scope scope, Instant from, Instant to) {
        Map<String, String[]> manholes = new LinkedHashMap<>();
        Map<String, Double> rims = new HashMap<>();
        jdbc.sql("select id, name, town_code, rim_level_m from sensing_device where kind = 'manhole_level' "
                        + "and rim_level_m is not null order by town_code, id")
                .query((rs, n) -> new Object[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getDouble(4)})
                .list().stream().filter(r -> scope.coversTown((String) r[2])).forEach(r -> {
                    manholes.put((String) r[0], new String[] {(String) r[1], (String) r[2]});
                    rims.put((String) r[0], (Double) r[3]);
                });
        Map<String, Integer> alarmsBySensor = new HashMap<>();
        int[] alarmCount = {0};
        jdbc.sql("select sensor_id, town_code, count(*) from sensing_alarm where raised_at >= :f and raised_at < :t "
                        + "group by sensor_id, town_code")
                .param("f", Timestamp.from(from)).param("t", Timestamp.from(to))
                .query((rs, n) -> new Object[] {rs.getString(1), rs.getString(2), rs.getInt(3)}).list().stream()
                .filter(r -> scope.coversTown((String) r[1])).forEach(r -> {
                    alarmsBySensor.merge((String) r[0], (Integer) r[2], Integer::sum);
                    alarmCount[0] += (Integer) r[2];
                });
        List<Row> rows = new ArrayList<>();
        Skill total = new Skill(0, 0, 0, new long[0], 0, 0, 0);
        int warningCount = 0;
        Instant readFrom = from.minusSeconds(12 * 3600);
        for (var entry : manholes.entrySet()) {
            String id = entry.getKey();
            List<long[]> times = new ArrayList<>();
            List<Double> values = new ArrayList<>();
            jdbc.sql("select observed_at, value from sensing_reading where sensor_id = :id and observed_at >= :f "
                            + "and observed_at < :t order by observed_at")
                    .param("id", id).param("f", Timestamp.from(readFrom)).param("t", Timestamp.from(to))
                    .query((rs, n) -> {
                        times.add(new long[] {rs.getTimestamp(1).toInstant().getEpochSecond()});
                        values.add(rs.getDouble(2));
                        return null;
                    }).list();
            List<Warning> warnings = jdbc.sql("select issued_at, predicted_overflow_at, level from sensing_warning "
                            + "where sensor_id = :id and issued_at >= :f and issued_at < :t order by issued_at")
                    .param("id", id).param("f", Timestamp.from(readFrom)).param("t", Timestamp.from(to))
                    .query((rs, n) -> new Warning(id, rs.getTimestamp(1).toInstant().getEpochSecond(),
                            rs.getTimestamp(2) == null ? 0 : rs.getTimestamp(2).toInstant().getEpochSecond(),
                            WarningLevel.ofWord(rs.getString(3)), "")).list();
            warningCount += warnings.size();
            long[] t = times.stream().mapToLong(a -> a[0]).toArray();
            double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
            Skill skill = SkillScorer.score(Map.of(id, new SkillScorer.Truth(rims.get(id), t, v)),
                    new ArrayList<>(warnings), from.getEpochSecond());
            rows.add(new Row(id, entry.getValue()[0], entry.getValue()[1], skill, alarmsBySensor.getOrDefault(id, 0)));
            total = total.plus(skill);
        }
        return new Report(total, rows, warningCount, alarmCount[0]);
    }
}
