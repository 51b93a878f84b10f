package org.townbrain.sensing;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.townbrain.access.Users;
import org.townbrain.notify.Notice;
import org.townbrain.notify.Notifications;
import org.townbrain.platform.errors.ConflictException;
import org.townbrain.platform.errors.NotFoundException;
import org.townbrain.platform.scope.OutOfScopeException;
import org.townbrain.platform.scope.Scope;
import org.townbrain.platform.scope.ScopeProvider;
import org.townbrain.region.Regions;
import org.townbrain.sensing.forecast.Warning;

/**
 * Alarms: the rules of each kind (with the sensor's own overrides) run on every committed
 * reading, in the background digest (one thread); at most one open alarm per sensor and type;
 * active → acknowledged → cleared, kept in the database. The overflow forecaster runs on the
 * same readings and keeps a forecast alarm per manhole at its warning level. Raising or
 * escalating notifies the duty roster (and publishes {@link AlarmRaised}); an alarm open longer
 * than {@code alarmPersistence} becomes a case through {@link org.townbrain.cases.CaseRequested}.
 */
@Service
class Alarms implements Telemetry.Listener {

    private static final DateTimeFormatter CLOCK_TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm", Locale.ROOT);
    private static final Duration FORECAST_QUIET = Duration.ofHours(2);

    private final JdbcClient jdbc;
    private final Notifications notifications;
    private final LiveForecaster forecaster;
    private final Regions regions;
    private final ScopeProvider scopes;
    private final Users users;
    private final ApplicationEventPublisher events;
    private final SensingProperties properties;
    private final Clock clock;
    private final org.springframework.transaction.support.TransactionTemplate tx;
    private final Map<String, AlarmRule.Condition> conditions = new ConcurrentHashMap<>();
    private final Map<String, double[]> previous = new ConcurrentHashMap<>();
    /** Sensors whose conditions were seeded from the database since start-up. */
    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private volatile Map<String, List<RuleRow>> rules;

    Alarms(JdbcClient jdbc, Notifications notifications, LiveForecaster forecaster, Regions regions,
            ScopeProvider scopes, Users users, ApplicationEventPublisher events, SensingProperties properties,
            Clock clock, org.springframework.transaction.support.TransactionTemplate tx) {
        this.tx = tx;
        this.jdbc = jdbc;
        this.notifications = notifications;
        this.forecaster = forecaster;
        this.regions = regions;
        this.scopes = scopes;
        this.users = users;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
    }

    record RuleRow(String kind, AlarmRule.Type type, boolean below, Double threshold, Double ratePerHour,
            int durationMinutes, double hysteresis, WarningLevel level) {
    }

    record SensorFacts(String id, SensorKind kind, String townCode, String name, Double rim, Double high,
            Double rate, Double lat, Double lon) {
    }

    private Map<String, List<RuleRow>> rules() {
        if (rules == null) {
            Map<String, List<RuleRow>> loaded = new HashMap<>();
            jdbc.sql("select * from sensing_alarm_rule").query((rs, n) -> new RuleRow(rs.getString("kind"),
                    AlarmRule.Type.valueOf(rs.getString("type")), rs.getString("direction").equals("BELOW"),
                    (Double) rs.getObject("threshold"), (Double) rs.getObject("rate_per_hour"),
                    rs.getInt("duration_minutes"), rs.getDouble("hysteresis"), WarningLevel.ofWord(rs.getString("level"))))
                    .list().forEach(r -> loaded.computeIfAbsent(r.kind(), k -> new ArrayList<>()).add(r));
            rules = loaded;
        }
        return rules;
    }

    /** The rule of a kind made concrete for one sensor, or empty when it has no limit. */
    static Optional<AlarmRule> ruleFor(RuleRow row, SensorFacts s) {
        Double limit;
        if (row.type() == AlarmRule.Type.THRESHOLD) {
            limit = s.high() != null ? s.high() : row.threshold() != null ? row.threshold()
                    : s.kind() == SensorKind.MANHOLE_LEVEL && s.rim() != null ? 0.8 * s.rim() : null;
        } else {
            limit = s.rate() != null ? s.rate() : row.ratePerHour();
        }
        return limit == null ? Optional.empty() : Optional.of(new AlarmRule(row.type(), row.below(), limit,
                Duration.ofMinutes(row.durationMinutes()), row.hysteresis(), row.level()));
    }

    /** One rule made concrete for one sensor, with what it remembers about that sensor. */
    private record Armed(AlarmRule rule, AlarmRule.Condition condition) {
    }

    @Override
    public void stored(List<TelemetryIngest.Stored> readings) {
        Map<String, List<TelemetryIngest.Stored>> bySensor = new HashMap<>();
        for (TelemetryIngest.Stored r : readings) {
            bySensor.computeIfAbsent(r.sensorId(), k -> new ArrayList<>()).add(r);
        }
        Map<String, SensorFacts> facts = facts(List.copyOf(bySensor.keySet()));
        remember(facts.keySet());
        bySensor.forEach((id, ofSensor) -> {
            if (facts.containsKey(id)) {
                ofSensor.sort(Comparator.comparing(TelemetryIngest.Stored::observedAt));
                applyRules(facts.get(id), ofSensor);
            }
        });
        forecast(readings, facts);
    }

    /** Runs the sensor's rules over its readings, in time order. */
    private void applyRules(SensorFacts s, List<TelemetryIngest.Stored> readings) {
        List<Armed> armed = arm(s);
        double[] prev = previous.get(s.id());
        for (TelemetryIngest.Stored r : readings) {
            long at = r.observedAt().getEpochSecond();
            for (Armed a : armed) {
                double measured;
                if (a.rule().type() == AlarmRule.Type.RATE_OF_RISE) {
                    if (prev == null || at <= prev[0] || at - prev[0] > 3600) {
                        continue;
                    }
                    measured = (r.value() - prev[1]) / ((at - prev[0]) / 3600.0);
                } else {
                    measured = r.value();
                }
                AlarmRule.Decision decision = a.rule().decide(a.condition(), measured, at);
                if (decision == AlarmRule.Decision.RAISE) {
                    raise(s, a.rule().type().name(), a.rule().level(), r.value(), null, describe(a.rule(), measured, s));
                } else if (decision == AlarmRule.Decision.CLEAR) {
                    clear(s.id(), a.rule().type().name());
                }
            }
            prev = new double[] {at, r.value()};
        }
        previous.put(s.id(), prev);
    }

    /** Feeds the forecaster the manholes' levels and the gauges' rain in time order (rain on its way matters to a manhole). */
    private void forecast(List<TelemetryIngest.Stored> readings, Map<String, SensorFacts> facts) {
        List<TelemetryIngest.Stored> sorted = new ArrayList<>();
        for (TelemetryIngest.Stored r : readings) {
            SensorFacts s = facts.get(r.sensorId());
            if (s != null && (s.kind() == SensorKind.MANHOLE_LEVEL || s.kind() == SensorKind.RAIN_GAUGE)) {
                sorted.add(r);
            }
        }
        if (sorted.isEmpty()) {
            return;
        }
        sorted.sort(Comparator.comparing(TelemetryIngest.Stored::observedAt));
        forecaster.ready(sorted.stream().map(TelemetryIngest.Stored::sensorId).collect(java.util.stream.Collectors.toSet()),
                sorted.stream().map(TelemetryIngest.Stored::receivedAt).min(Comparator.naturalOrder()).orElseThrow());
        List<Warning> warnings = new ArrayList<>();
        for (TelemetryIngest.Stored r : sorted) {
            warnings.addAll(forecaster.observe(r.sensorId(), r.observedAt().getEpochSecond(), r.value()));
        }
        for (Warning w : warnings) {
            forecastWarning(facts.get(w.sensorId()), w);
        }
    }

    /** The rules of the sensor's kind that have a limit for it, each with its condition (once per batch, not per reading). */
    private List<Armed> arm(SensorFacts s) {
        List<Armed> armed = new ArrayList<>();
        for (RuleRow row : rules().getOrDefault(s.kind().word(), List.of())) {
            ruleFor(row, s).ifPresent(rule -> armed.add(new Armed(rule,
                    conditions.computeIfAbsent(s.id() + "/" + row.type(), k -> new AlarmRule.Condition()))));
        }
        return armed;
    }

    /**
     * Seeds the conditions of sensors this instance has not seen since it started from their
     * open alarms, so an alarm raised before a restart still clears when the value comes back.
     */
    private void remember(Set<String> sensorIds) {
        List<String> unseen = sensorIds.stream().filter(id -> !seen.contains(id)).toList();
        if (unseen.isEmpty()) {
            return;
        }
        jdbc.sql("select sensor_id, type from sensing_alarm where state <> 'CLEARED' and sensor_id = any(:ids)")
                .param("ids", unseen.toArray(String[]::new))
                .query((rs, n) -> rs.getString(1) + "/" + rs.getString(2)).list()
                .forEach(key -> conditions.computeIfAbsent(key, k -> new AlarmRule.Condition()).raised = true);
        seen.addAll(unseen);
    }

    /** The digest's transaction rolled back, alarms included: start again from what the database holds. */
    @Override
    public void rolledBack() {
        conditions.clear();
        previous.clear();
        seen.clear();
        forecaster.forget();
    }

    private static String describe(AlarmRule rule, double measured, SensorFacts s) {
        String unit = s.kind().unit();
        // in Chinese: it goes to the duty groups' phones as it is
        return rule.type() == AlarmRule.Type.RATE_OF_RISE
                ? String.format(Locale.ROOT, "上涨 %.2f %s/小时 ≥ %.2f %s/小时", measured, unit, rule.limit(), unit)
                : String.format(Locale.ROOT, "%.2f %s %s %.2f %s，持续 %d 分钟", measured, unit, rule.below() ? "≤" : "≥",
                        rule.limit(), unit, rule.duration().toMinutes());
    }

    private Map<String, SensorFacts> facts(List<String> ids) {
        Map<String, SensorFacts> map = new HashMap<>();
        jdbc.sql("select id, kind, town_code, name, rim_level_m, threshold_high, rate_of_rise, lat, lon "
                        + "from sensing_device where id = any(:ids)")
                .param("ids", ids.toArray(String[]::new))
                .query((rs, n) -> new SensorFacts(rs.getString(1), SensorKind.ofWord(rs.getString(2)), rs.getString(3),
                        rs.getString(4), (Double) rs.getObject(5), (Double) rs.getObject(6), (Double) rs.getObject(7),
                        (Double) rs.getObject(8), (Double) rs.getObject(9)))
                .list().forEach(f -> map.put(f.id(), f));
        return map;
    }

    private void raise(SensorFacts s, String type, WarningLevel level, double value, Instant predicted, String why) {
        Timestamp now = Timestamp.from(clock.instant());
        Optional<Long> id = jdbc.sql("""
                insert into sensing_alarm (sensor_id, town_code, type, level, state, raised_at, updated_at, value,
                    predicted_overflow_at, why)
                values (:s, :town, :type, :level, 'ACTIVE', :now, :now, :v, :p, :why)
                on conflict (sensor_id, type) where state <> 'CLEARED' do nothing
                returning id""")
                .param("s", s.id()).param("town", s.townCode()).param("type", type).param("level", level.word())
                .param("now", now).param("v", Double.isNaN(value) ? null : value).param("p", predicted == null ? null : Timestamp.from(predicted))
                .param("why", why).query(Long.class).optional();
        id.ifPresent(alarmId -> {
            notify(alarmId, s, level, value, predicted, why);
            events.publishEvent(new AlarmRaised(alarmId, s.townCode(), level));
        });
    }

    private void clear(String sensorId, String type) {
        jdbc.sql("""
                update sensing_alarm set state = 'CLEARED', cleared_at = :now, updated_at = :now, version = version + 1
                where sensor_id = :s and type = :type and state <> 'CLEARED'""")
                .param("now", Timestamp.from(clock.instant())).param("s", sensorId).param("type", type).update();
    }

    private void forecastWarning(SensorFacts s, Warning w) {
        if (s == null) {
            return;
        }
        Instant predicted = Instant.ofEpochSecond(w.predictedOverflowAt());
        jdbc.sql("insert into sensing_warning (sensor_id, issued_at, predicted_overflow_at, level, why) values (:s, :i, :p, :l, :w)")
                .param("s", s.id()).param("i", Timestamp.from(Instant.ofEpochSecond(w.issuedAt())))
                .param("p", Timestamp.from(predicted)).param("l", w.level().word()).param("w", w.why()).update();
        if (predicted.isBefore(clock.instant())) {
            // readings that came late (a device's backlog, a replay): their warning is kept for the skill
            // figures, but a forecast of a moment already past warns nobody; the level rules speak for the present
            return;
        }
        Optional<String[]> open = jdbc.sql("""
                select id, level from sensing_alarm where sensor_id = :s and type = 'OVERFLOW_FORECAST' and state <> 'CLEARED'""")
                .param("s", s.id()).query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)}).optional();
        if (open.isEmpty()) {
            raise(s, AlarmRule.Type.OVERFLOW_FORECAST.name(), w.level(), Double.NaN, predicted, w.why());
            return;
        }
        WarningLevel was = WarningLevel.ofWord(open.get()[1]);
        boolean escalates = w.level().ordinal() > was.ordinal();
        jdbc.sql("""
                update sensing_alarm set level = :l, predicted_overflow_at = :p, why = :w, updated_at = :now,
                    state = case when :up then 'ACTIVE' else state end, version = version + 1
                where id = :id""")
                .param("l", (escalates ? w.level() : was).word()).param("p", Timestamp.from(predicted)).param("w", w.why())
                .param("now", Timestamp.from(clock.instant())).param("up", escalates)
                .param("id", Long.parseLong(open.get()[0])).update();
        if (escalates) {
            notify(Long.parseLong(open.get()[0]), s, w.level(), Double.NaN, predicted, w.why());
        }
    }

    private void notify(long alarmId, SensorFacts s, WarningLevel level, double value, Instant predicted, String why) {
        String town = regions.town(s.townCode()).map(t -> t.name()).orElse(s.townCode());
        String levelName = switch (level) {
            case BLUE -> "蓝色";
            case YELLOW -> "黄色";
            case ORANGE -> "橙色";
            case RED -> "红色";
        };
        String title = "【" + levelName + (level.isWarning() ? "预警" : "关注") + "】" + town + " " + s.name();
        StringBuilder text = new StringBuilder();
        if (!Double.isNaN(value)) {
            text.append(String.format(Locale.ROOT, "读数 %.2f %s。", value, s.kind().unit()));
        }
        if (predicted != null) {
            text.append("预计 ").append(CLOCK_TIME.withZone(clock.getZone()).format(predicted)).append(" 溢流。");
        }
        text.append("依据：").append(why);
        notifications.send(new Notice(s.townCode(), level.ordinal() + 1, title, text.toString(), "alarm:" + alarmId));
    }

    /**
     * Alarms of one sensor raised while an earlier one is open, or within this long after it
     * cleared, belong to the same episode (one storm) and to its one case.
     */
    static final Duration EPISODE_GAP = Duration.ofHours(6);

    /**
     * Forecast alarms clear when the forecaster has been quiet for two hours; alarms that persist
     * become cases. Run by {@link AlarmSweep}.
     */
    void sweep() {
        Instant now = clock.instant();
        jdbc.sql("""
                update sensing_alarm set state = 'CLEARED', cleared_at = :now, version = version + 1
                where type = 'OVERFLOW_FORECAST' and state <> 'CLEARED' and updated_at < :quiet""")
                .param("now", Timestamp.from(now)).param("quiet", Timestamp.from(now.minus(FORECAST_QUIET))).update();
        publishPersisted();
    }

    /** Publishes {@link AlarmPersisted} once for each alarm open longer than the configured time. */
    void publishPersisted() {
        tx.executeWithoutResult(status -> publishPersistedInTransaction());
    }

    private void publishPersistedInTransaction() {
        Instant before = clock.instant().minus(properties.alarmPersistence());
        Map<Long, String> kinds = new java.util.HashMap<>();
        Map<Long, String> villages = new java.util.HashMap<>();
        List<AlarmPersisted> due = jdbc.sql("""
                select a.id, a.sensor_id, d.name, a.town_code, a.type, a.level, a.raised_at, d.lat, d.lon, a.why, d.kind,
                       d.village_code
                from sensing_alarm a join sensing_device d on d.id = a.sensor_id
                where a.state <> 'CLEARED' and not a.case_requested and a.raised_at <= :before
                order by a.id limit 100 for update of a skip locked""")
                .param("before", Timestamp.from(before))
                .query((rs, n) -> {
                    kinds.put(rs.getLong(1), rs.getString(11));
                    villages.put(rs.getLong(1), rs.getString(12));
                    return new AlarmPersisted(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), WarningLevel.ofWord(rs.getString(6)), rs.getTimestamp(7).toInstant(),
                            (Double) rs.getObject(8), (Double) rs.getObject(9), rs.getString(10));
                })
                .list();
        for (AlarmPersisted alarm : due) {
            // an alarm in the same episode as one that already became a case joins that case instead of opening another
            Optional<Long> episode = jdbc.sql("""
                    select coalesce(episode_of, id) from sensing_alarm
                    where sensor_id = :s and id <> :id and case_requested
                      and raised_at <= :raised and (cleared_at is null or cleared_at >= :since)
                    order by raised_at limit 1""")
                    .param("s", alarm.sensorId()).param("id", alarm.alarmId())
                    .param("raised", Timestamp.from(alarm.raisedAt()))
                    .param("since", Timestamp.from(alarm.raisedAt().minus(EPISODE_GAP)))
                    .query(Long.class).optional();
            jdbc.sql("update sensing_alarm set case_requested = true, episode_of = :e where id = :id")
                    .param("e", episode.orElse(null)).param("id", alarm.alarmId()).update();
            if (episode.isPresent()) {
                continue;
            }
            // a persisting alarm is the town's case to handle (in the same transaction: never lost, never twice)
            events.publishEvent(new org.townbrain.cases.CaseRequested("SENSOR_ALARM", alarm.townCode(),
                    caseCategory(kinds.get(alarm.alarmId())), alarm.sensorName() + "：" + alarm.why(), alarm.lon(), alarm.lat(),
                    "sensing-alarm:" + alarm.alarmId(), villages.get(alarm.alarmId())));
        }
    }

    /** Why an alarm of a sensor kind needs a case; the cases module maps it to its catalogue. */
    static org.townbrain.cases.CaseRequested.Reason caseCategory(String kind) {
        if (kind == null) {
            return org.townbrain.cases.CaseRequested.Reason.OTHER;
        }
        return switch (kind.toUpperCase(java.util.Locale.ROOT)) {
            case "MANHOLE_LEVEL", "PIPE_FLOW" -> org.townbrain.cases.CaseRequested.Reason.SEWER_OVERFLOW;
            case "RAIN_GAUGE", "RIVER_LEVEL" -> org.townbrain.cases.CaseRequested.Reason.WATERLOGGING;
            case "HYDRANT_PRESSURE" -> org.townbrain.cases.CaseRequested.Reason.FIRE_HYDRANT;
            default -> org.townbrain.cases.CaseRequested.Reason.OTHER;
        };
    }

    /** Open and recent alarms in the caller's towns. */
    List<AlarmView> list(boolean openOnly) {
        Scope scope = scopes.current();
        return jdbc.sql(WITH_NAME + (openOnly ? "where a.state <> 'CLEARED' " : "")
                        + "order by a.raised_at desc limit 500")
                .query(this::view).list().stream().filter(a -> scope.coversTown(a.townCode())).toList();
    }

    AlarmView one(long id) {
        AlarmView a = jdbc.sql(WITH_NAME + "where a.id = :id").param("id", id).query(this::view).optional()
                .orElseThrow(() -> new NotFoundException("alarm " + id));
        if (!scopes.current().coversTown(a.townCode())) {
            throw new OutOfScopeException("alarm " + id);
        }
        return a;
    }

    @Transactional
    AlarmView acknowledge(long id, int version) {
        Roles.require(users, Roles.HANDLE_ALARMS);
        AlarmView a = one(id);
        if (!a.state().equals("ACTIVE")) {
            throw new ConflictException("该告警已确认或已解除 / the alarm is already acknowledged or cleared");
        }
        int updated = jdbc.sql("""
                update sensing_alarm set state = 'ACKNOWLEDGED', acknowledged_at = :now, acknowledged_by = :by,
                    updated_at = updated_at, version = version + 1
                where id = :id and version = :v and state = 'ACTIVE'""")
                .param("now", Timestamp.from(clock.instant()))
                .param("by", users.current().map(u -> u.username()).orElse("system"))
                .param("id", id).param("v", version).update();
        if (updated == 0) {
            throw new ConflictException("告警已被他人更新，请刷新 / the alarm changed meanwhile: reload");
        }
        return one(id);
    }

    private AlarmView view(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new AlarmView(rs.getLong("id"), rs.getString("sensor_id"), rs.getString("town_code"), rs.getString("type"),
                WarningLevel.ofWord(rs.getString("level")), rs.getString("state"), instant(rs, "raised_at"),
                instant(rs, "updated_at"), (Double) rs.getObject("value"), instant(rs, "predicted_overflow_at"),
                rs.getString("why"), instant(rs, "acknowledged_at"), rs.getString("acknowledged_by"),
                instant(rs, "cleared_at"), rs.getInt("version"), rs.getString("sensor_name"));
    }

    /** Alarms with their device's name: pages name the manhole, not its sensor id. */
    private static final String WITH_NAME = "select a.*, d.name as sensor_name from sensing_alarm a "
            + "left join sensing_device d on d.id = a.sensor_id ";

    private static Instant instant(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
