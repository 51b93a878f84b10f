package org.townbrain.sensing;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.townbrain.access.Users;
import org.townbrain.platform.scope.Scope;
import org.townbrain.platform.scope.ScopeProvider;
import tools.jackson.databind.ObjectMapper;

/**
 * Create, update and delete through SensorThings, for those who may manage sensors, within their
 * towns. A request is one transaction: a deep insert that fails half-way leaves nothing. A
 * device's own Thing, Sensor and Datastream are changed through the device registry, not here;
 * Observations posted to a device's Datastream are readings like those of POST /api/telemetry.
 */
@Component
class StaWrites {

    private static final Set<String> NAV = Set.of("Thing", "Things", "Locations", "HistoricalLocations", "Datastreams",
            "Datastream", "Sensor", "ObservedProperty", "Observations", "FeatureOfInterest");

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final Clock clock;
    private final ScopeProvider scopes;
    private final Users users;
    private final StaReads reads;
    private final Telemetry telemetry;
    private final TelemetryPartitions partitions;

    StaWrites(JdbcTemplate jdbc, ObjectMapper json, Clock clock, ScopeProvider scopes, Users users, StaReads reads,
            Telemetry telemetry, TelemetryPartitions partitions) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.scopes = scopes;
        this.users = users;
        this.reads = reads;
        this.telemetry = telemetry;
        this.partitions = partitions;
    }

    private void allowed() {
        Roles.require(users, Roles.MANAGE_SENSORS);
    }

    /** The town new entities belong to: the caller's (one of them), none for county users. */
    private String town() {
        Scope scope = scopes.current();
        if (scope.wholeCounty()) {
            return null;
        }
        return scope.townCodes().stream().sorted().findFirst().orElseThrow(() -> new StaException(403, "no jurisdiction"));
    }

    /** Creates an entity of the last step's type; a parent in the path links it (POST Datastreams(1)/Observations). */
    @Transactional
    public long create(List<StaQuery.Step> steps, Map<String, Object> body) {
        allowed();
        StaModel.Type type = steps.getLast().type();
        if (steps.size() > 1) {
            StaQuery.Step parent = steps.get(steps.size() - 2);
            if (!reads.exists(steps.subList(0, steps.size() - 1))) {
                throw new StaException(404, "no such " + parent.type().singular());
            }
            long parentId = parentId(steps);
            String back = backLink(type, parent.type());
            if (back == null) {
                throw new StaException("cannot create a " + type.singular() + " under a " + parent.type().singular());
            }
            body = new java.util.LinkedHashMap<>(body);
            Object ref = Map.of("@iot.id", parentId);
            body.put(back, back.endsWith("s") ? List.of(ref) : ref);
        }
        return insert(type, body);
    }

    private long parentId(List<StaQuery.Step> steps) {
        List<StaQuery.Step> parentSteps = steps.subList(0, steps.size() - 1);
        StaQuery.Step parent = parentSteps.getLast();
        if (parent.id() != null) {
            return parent.id();
        }
        List<Object> params = new ArrayList<>();
        String where = StaReads.condition(parentSteps, parentSteps.size() - 1, "a", params, reads.towns());
        return jdbc.queryForObject("select a.id from " + parent.type().table() + " a where " + where, Long.class, params.toArray());
    }

    private static String backLink(StaModel.Type child, StaModel.Type parent) {
        return switch (child.singular() + "<" + parent.singular()) {
            case "Datastream<Thing" -> "Thing";
            case "Datastream<Sensor" -> "Sensor";
            case "Datastream<ObservedProperty" -> "ObservedProperty";
            case "Observation<Datastream" -> "Datastream";
            case "Observation<FeatureOfInterest" -> "FeatureOfInterest";
            case "Location<Thing" -> "Things";
            case "HistoricalLocation<Thing" -> "Thing";
            case "Thing<Location" -> "Locations";
            default -> null;
        };
    }

    private long insert(StaModel.Type type, Map<String, Object> body) {
        return switch (type.singular()) {
            case "Thing" -> thing(body);
            case "Location" -> location(body);
            case "HistoricalLocation" -> historicalLocation(body);
            case "Sensor" -> sensor(body);
            case "ObservedProperty" -> observedProperty(body);
            case "Datastream" -> datastream(body, null);
            case "Observation" -> observation(body, null);
            case "FeatureOfInterest" -> feature(body);
            default -> throw new StaException("cannot create " + type.plural());
        };
    }

    private static String text(Map<String, Object> body, String name, boolean required) {
        Object value = body.get(name);
        if (value == null) {
            if (required) {
                throw new StaException("'" + name + "' is required");
            }
            return null;
        }
        if (!(value instanceof String s)) {
            throw new StaException("'" + name + "' must be a string");
        }
        return s;
    }

    private String jsonOf(Map<String, Object> body, String name, boolean required) {
        Object value = body.get(name);
        if (value == null) {
            if (required) {
                throw new StaException("'" + name + "' is required");
            }
            return null;
        }
        if (name.equals("properties") && !(value instanceof Map)) {
            throw new StaException("'properties' must be a JSON object");
        }
        return json.writeValueAsString(value);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Map<String, Object> body, String name) {
        Object value = body.get(name);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> l)) {
            throw new StaException("'" + name + "' must be an array");
        }
        return (List<Object>) l;
    }

    /** The id of a related entity: a reference {"@iot.id": n} to a visible one, or a new one created here. */
    @SuppressWarnings("unchecked")
    private long related(StaModel.Type type, Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new StaException("a related " + type.singular() + " must be an object");
        }
        Object id = map.get("@iot.id");
        if (id != null) {
            long n = id(id);
            if (!reads.exists(List.of(new StaQuery.Step(type, null, n)))) {
                throw new StaException("no " + type.singular() + " with @iot.id " + n);
            }
            return n;
        }
        return insert(type, (Map<String, Object>) map);
    }

    private static long id(Object id) {
        if (id instanceof Number n) {
            return n.longValue();
        }
        try {
            return Long.parseLong(String.valueOf(id));
        } catch (NumberFormatException e) {
            throw new StaException("@iot.id must be a number");
        }
    }

    private long thing(Map<String, Object> body) {
        String town = town();
        Long id = jdbc.queryForObject("insert into sta_thing (name, description, properties, town_code) values (?, ?, ?::jsonb, ?) returning id",
                Long.class, text(body, "name", true), text(body, "description", true), jsonOf(body, "properties", false), town);
        List<Long> locations = new ArrayList<>();
        for (Object l : list(body, "Locations")) {
            locations.add(related(StaModel.TYPES.get("Locations"), l));
        }
        if (!locations.isEmpty()) {
            placeAt(id, locations);
        }
        for (Object d : list(body, "Datastreams")) {
            if (!(d instanceof Map<?, ?> m) || m.containsKey("@iot.id")) {
                throw new StaException("Datastreams of a new Thing are new Datastreams");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> ds = (Map<String, Object>) m;
            datastream(ds, id);
        }
        return id;
    }

    /** The Thing is now at these Locations: the links replace the old ones and a HistoricalLocation records it. */
    private void placeAt(long thing, List<Long> locations) {
        jdbc.update("delete from sta_thing_location where thing_id = ?", thing);
        Long hl = jdbc.queryForObject("insert into sta_historical_location (thing_id, time) values (?, ?) returning id", Long.class,
                thing, Timestamp.from(clock.instant()));
        for (long l : Set.copyOf(locations)) {
            jdbc.update("insert into sta_thing_location values (?, ?)", thing, l);
            jdbc.update("insert into sta_location_history values (?, ?)", hl, l);
        }
    }

    private long location(Map<String, Object> body) {
        Long id = jdbc.queryForObject("""
                insert into sta_location (name, description, encoding_type, location, properties, town_code)
                values (?, ?, ?, ?::jsonb, ?::jsonb, ?) returning id""", Long.class, text(body, "name", true),
                text(body, "description", true), text(body, "encodingType", true), geometry(body, "location"),
                jsonOf(body, "properties", false), town());
        for (Object t : list(body, "Things")) {
            long thing = related(StaModel.TYPES.get("Things"), t);
            placeAt(thing, List.of(id));
        }
        return id;
    }

    private String geometry(Map<String, Object> body, String name) {
        Object value = body.get(name);
        if (!(value instanceof Map<?, ?> map) || map.get("type") == null) {
            throw new StaException("'" + name + "' must be a GeoJSON object");
        }
        return json.writeValueAsString(value);
    }

    private long historicalLocation(Map<String, Object> body) {
        Object thing = body.get("Thing");
        if (thing == null) {
            throw new StaException("a HistoricalLocation needs its Thing");
        }
        long t = related(StaModel.TYPES.get("Things"), thing);
        Long id = jdbc.queryForObject("insert into sta_historical_location (thing_id, time) values (?, ?) returning id", Long.class,
                t, Timestamp.from(instant(text(body, "time", false), clock.instant())));
        for (Object l : list(body, "Locations")) {
            jdbc.update("insert into sta_location_history values (?, ?) on conflict do nothing", id,
                    related(StaModel.TYPES.get("Locations"), l));
        }
        return id;
    }

    private long sensor(Map<String, Object> body) {
        Long id = jdbc.queryForObject("""
                insert into sta_sensor (name, description, encoding_type, metadata, properties, town_code)
                values (?, ?, ?, ?, ?::jsonb, ?) returning id""", Long.class, text(body, "name", true),
                text(body, "description", true), text(body, "encodingType", true), metadata(body), jsonOf(body, "properties", false), town());
        for (Object d : list(body, "Datastreams")) {
            throw new StaException("create a Sensor's Datastreams with their Thing");
        }
        return id;
    }

    private String metadata(Map<String, Object> body) {
        Object value = body.get("metadata");
        if (value == null) {
            throw new StaException("'metadata' is required");
        }
        return value instanceof String s ? s : json.writeValueAsString(value);
    }

    private long observedProperty(Map<String, Object> body) {
        return jdbc.queryForObject("""
                insert into sta_observed_property (name, definition, description, properties, town_code)
                values (?, ?, ?, ?::jsonb, ?) returning id""", Long.class, text(body, "name", true), text(body, "definition", true),
                text(body, "description", true), jsonOf(body, "properties", false), town());
    }

    private long datastream(Map<String, Object> body, Long thing) {
        long t = thing != null ? thing : related(StaModel.TYPES.get("Things"), need(body, "Thing"));
        long sensor = related(StaModel.TYPES.get("Sensors"), need(body, "Sensor"));
        long property = related(StaModel.TYPES.get("ObservedProperties"), need(body, "ObservedProperty"));
        Object unit = body.get("unitOfMeasurement");
        if (!(unit instanceof Map)) {
            throw new StaException("'unitOfMeasurement' is required (an object with name, symbol, definition)");
        }
        String town = jdbc.queryForObject("select town_code from sta_thing where id = ?", String.class, t);
        Long id = jdbc.queryForObject("""
                insert into sta_datastream (name, description, observation_type, unit_of_measurement, properties, thing_id,
                                            sensor_id, observed_property_id, stream_key, town_code)
                values (?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, 'sta-' || nextval('sta_datastream_id_seq'), ?) returning id""",
                Long.class, text(body, "name", true), text(body, "description", true), text(body, "observationType", true),
                json.writeValueAsString(unit), jsonOf(body, "properties", false), t, sensor, property, town);
        for (Object o : list(body, "Observations")) {
            if (!(o instanceof Map<?, ?> m) || m.containsKey("@iot.id")) {
                throw new StaException("Observations of a new Datastream are new Observations");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> obs = (Map<String, Object>) m;
            observation(obs, id);
        }
        return id;
    }

    private static Object need(Map<String, Object> body, String name) {
        Object value = body.get(name);
        if (value == null) {
            throw new StaException("'" + name + "' is required");
        }
        return value;
    }

    private record Stream(long id, String key, String deviceId, long thing) {
    }

    private long observation(Map<String, Object> body, Long datastream) {
        long ds = datastream != null ? datastream : related(StaModel.TYPES.get("Datastreams"), need(body, "Datastream"));
        Stream stream = jdbc.queryForObject("select id, stream_key, device_id, thing_id from sta_datastream where id = ?",
                (rs, n) -> new Stream(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4)), ds);
        Object result = body.get("result");
        double value;
        if (result instanceof Number n) {
            value = n.doubleValue();
        } else if (result instanceof String s && s.strip().matches("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?")) {
            value = Double.parseDouble(s.strip());
        } else {
            throw new StaException("'result' is required and must be a number (readings are measurements)");
        }
        Instant[] phenomenon = interval(body.get("phenomenonTime"), "phenomenonTime");
        Instant start = phenomenon == null ? clock.instant() : phenomenon[0];
        Instant end = phenomenon == null ? null : phenomenon[1];
        Instant resultTime = body.get("resultTime") == null ? null : instant(text(body, "resultTime", false), null);
        Instant[] valid = interval(body.get("validTime"), "validTime");
        Long feature = body.get("FeatureOfInterest") != null
                ? related(StaModel.TYPES.get("FeaturesOfInterest"), body.get("FeatureOfInterest")) : featureOf(stream.thing());
        String quality = body.get("resultQuality") == null ? null : json.writeValueAsString(body.get("resultQuality"));
        String parameters = jsonOf(body, "parameters", false);
        if (stream.deviceId() != null) {
            TelemetryIngest.Report report = telemetry.accept(List.of(new TelemetryIngest.Incoming(stream.deviceId(),
                    start.toString(), value)), null, scopes.current());
            if (!report.rejected().isEmpty()) {
                throw new StaException(report.rejected().getFirst().error());
            }
            if (report.stored() == 0) {
                throw new StaException(409, "this Datastream already has an Observation at " + start);
            }
            return jdbc.queryForObject("""
                    update sensing_reading set result_time = ?, phenomenon_end = ?, valid_from = ?, valid_to = ?,
                           result_quality = ?::jsonb, parameters = ?::jsonb, feature_id = ?
                    where sensor_id = ? and observed_at = ? returning id""", Long.class, ts(resultTime), ts(end),
                    ts(valid == null ? null : valid[0]), ts(valid == null ? null : valid[1]), quality, parameters, feature,
                    stream.key(), Timestamp.from(start));
        }
        partitions.ensure(List.of(YearMonth.from(start.atOffset(ZoneOffset.UTC))));
        List<Long> ids = jdbc.queryForList("""
                insert into sensing_reading (sensor_id, observed_at, value, received_at, result_time, phenomenon_end,
                                             valid_from, valid_to, result_quality, parameters, feature_id)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?) on conflict do nothing returning id""", Long.class,
                stream.key(), Timestamp.from(start), value, Timestamp.from(clock.instant()), ts(resultTime), ts(end),
                ts(valid == null ? null : valid[0]), ts(valid == null ? null : valid[1]), quality, parameters, feature);
        if (ids.isEmpty()) {
            throw new StaException(409, "this Datastream already has an Observation at " + start);
        }
        return ids.getFirst();
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    /** The FeatureOfInterest made from the Thing's Location, as the standard has a server do when a client names none. */
    private Long featureOf(long thing) {
        List<Map<String, Object>> locations = jdbc.queryForList("""
                select l.id, l.name, l.description, l.encoding_type, l.location::text as location, l.town_code
                from sta_location l join sta_thing_location tl on tl.location_id = l.id where tl.thing_id = ? order by l.id limit 1""",
                thing);
        if (locations.isEmpty()) {
            throw new StaException("the Observation needs a FeatureOfInterest (its Thing has no Location to make one from)");
        }
        Map<String, Object> l = locations.getFirst();
        List<Long> existing = jdbc.queryForList("select id from sta_feature where location_id = ?", Long.class, l.get("id"));
        if (!existing.isEmpty()) {
            return existing.getFirst();
        }
        return jdbc.queryForObject("""
                insert into sta_feature (name, description, encoding_type, feature, location_id, town_code)
                values (?, ?, ?, ?::jsonb, ?, ?) returning id""", Long.class, l.get("name"),
                "Generated using location details: " + l.get("description"), l.get("encoding_type"), l.get("location"),
                l.get("id"), l.get("town_code"));
    }

    private long feature(Map<String, Object> body) {
        return jdbc.queryForObject("""
                insert into sta_feature (name, description, encoding_type, feature, properties, town_code)
                values (?, ?, ?, ?::jsonb, ?::jsonb, ?) returning id""", Long.class, text(body, "name", true),
                text(body, "description", true), text(body, "encodingType", true), geometry(body, "feature"),
                jsonOf(body, "properties", false), town());
    }

    private static Instant instant(String text, Instant otherwise) {
        if (text == null) {
            return otherwise;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (RuntimeException e) {
            throw new StaException("'" + text + "' is not an ISO 8601 time with offset");
        }
    }

    private static Instant[] interval(Object value, String name) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof String s)) {
            throw new StaException("'" + name + "' must be a time or an interval start/end");
        }
        int slash = s.indexOf('/');
        if (slash < 0) {
            return new Instant[] {instant(s, null), null};
        }
        Instant start = instant(s.substring(0, slash), null);
        Instant end = instant(s.substring(slash + 1), null);
        if (end.isBefore(start)) {
            throw new StaException("'" + name + "' ends before it starts");
        }
        return new Instant[] {start, end};
    }

    /** PATCH (and PUT): the given properties change; navigation properties may only point at existing entities. */
    @Transactional
    public void update(StaQuery.Step target, Map<String, Object> body) {
        allowed();
        StaModel.Type type = target.type();
        long id = target.id();
        if (!reads.exists(List.of(target))) {
            throw new StaException(404, "no such " + type.singular());
        }
        guardDevice(type, id);
        for (Map.Entry<String, Object> e : body.entrySet()) {
            String key = e.getKey();
            if (key.equals("@iot.id") || key.equals("@iot.selfLink") || key.endsWith("@iot.navigationLink")) {
                continue;
            }
            if (NAV.contains(key)) {
                link(type, id, key, e.getValue());
                continue;
            }
            StaModel.Prop prop = type.prop(key);
            if (prop == null) {
                throw new StaException(type.singular() + " has no property '" + key + "'");
            }
            Object value = e.getValue();
            if (value == null && prop.required()) {
                throw new StaException("'" + key + "' cannot be null");
            }
            String column = prop.sql().replace("{a}.", "");
            switch (prop.kind()) {
                case TEXT -> {
                    Object v = key.equals("metadata") && value != null && !(value instanceof String) ? json.writeValueAsString(value) : value;
                    if (v != null && !(v instanceof String)) {
                        throw new StaException("'" + key + "' must be a string");
                    }
                    jdbc.update("update " + type.table() + " set " + column + " = ? where id = ?", v, id);
                }
                case JSON -> jdbc.update("update " + type.table() + " set " + column + " = ?::jsonb where id = ?",
                        value == null ? null : json.writeValueAsString(value), id);
                case NUMBER -> {
                    if (!(value instanceof Number n)) {
                        throw new StaException("'" + key + "' must be a number");
                    }
                    jdbc.update("update " + type.table() + " set " + column + " = ? where id = ?", n.doubleValue(), id);
                }
                case TIME -> jdbc.update("update " + type.table() + " set " + column + " = ? where id = ?",
                        ts(instant(value == null ? null : String.valueOf(value), null)), id);
                case INTERVAL -> {
                    Instant[] interval = interval(value, key);
                    String end = prop.end().replace("{a}.", "");
                    jdbc.update("update " + type.table() + " set " + column + " = ?, " + end + " = ? where id = ?",
                            ts(interval == null ? null : interval[0]), ts(interval == null ? null : interval[1]), id);
                }
                default -> throw new StaException("'" + key + "' cannot be changed");
            }
        }
    }

    private void link(StaModel.Type type, long id, String key, Object value) {
        StaModel.Rel rel = type.rel(key);
        if (rel == null) {
            throw new StaException(type.singular() + " has no navigation property '" + key + "'");
        }
        StaModel.Type target = StaModel.TYPES.get(rel.target());
        List<Object> refs = rel.many() ? list(Map.of(key, value), key) : List.of(value);
        List<Long> ids = new ArrayList<>();
        for (Object ref : refs) {
            if (!(ref instanceof Map<?, ?> m) || m.get("@iot.id") == null || m.size() != 1) {
                throw new StaException("an update can only link existing entities ({\"@iot.id\": n}) in '" + key + "'");
            }
            long n = id(m.get("@iot.id"));
            if (!reads.exists(List.of(new StaQuery.Step(target, null, n)))) {
                throw new StaException("no " + target.singular() + " with @iot.id " + n);
            }
            ids.add(n);
        }
        switch (type.singular() + "." + key) {
            case "Thing.Locations" -> placeAt(id, ids);
            case "Location.Things" -> ids.forEach(t -> placeAt(t, List.of(id)));
            case "HistoricalLocation.Thing" -> jdbc.update("update sta_historical_location set thing_id = ? where id = ?", ids.getFirst(), id);
            case "HistoricalLocation.Locations" -> ids.forEach(l -> jdbc.update(
                    "insert into sta_location_history values (?, ?) on conflict do nothing", id, l));
            case "Datastream.Thing", "Datastream.Sensor", "Datastream.ObservedProperty" -> jdbc.update("update sta_datastream set "
                    + rel.parentColumn() + " = ? where id = ?", ids.getFirst(), id);
            case "Observation.FeatureOfInterest" -> jdbc.update("update sensing_reading set feature_id = ? where id = ?", ids.getFirst(), id);
            case "Observation.Datastream" -> jdbc.update("update sensing_reading set sensor_id = (select stream_key from sta_datastream where id = ?) where id = ?",
                    ids.getFirst(), id);
            default -> throw new StaException("'" + key + "' cannot be changed on a " + type.singular());
        }
    }

    /** A device's Thing, Location, Sensor and Datastream, and its readings, belong to the device registry. */
    private void guardDevice(StaModel.Type type, long id) {
        String sql = switch (type.singular()) {
            case "Thing", "Location", "Sensor", "Datastream" -> "select device_id is not null from " + type.table() + " where id = ?";
            case "ObservedProperty" -> "select kind is not null from sta_observed_property where id = ?";
            case "Observation" -> "select exists (select 1 from sensing_reading r join sta_datastream d on d.stream_key = r.sensor_id "
                    + "where r.id = ? and d.device_id is not null)";
            default -> null;
        };
        if (sql != null && Boolean.TRUE.equals(jdbc.queryForObject(sql, Boolean.class, id))) {
            throw new StaException(409, "this " + type.singular() + " belongs to a registered device: change it in the device registry");
        }
    }

    @Transactional
    public void delete(StaQuery.Step target) {
        allowed();
        StaModel.Type type = target.type();
        long id = target.id();
        if (!reads.exists(List.of(target))) {
            throw new StaException(404, "no such " + type.singular());
        }
        guardDevice(type, id);
        switch (type.singular()) {
            case "Thing" -> {
                jdbc.update("delete from sensing_reading where sensor_id in (select stream_key from sta_datastream where thing_id = ?)", id);
                jdbc.update("delete from sta_thing where id = ?", id);
            }
            case "Location" -> {
                List<Long> histories = jdbc.queryForList("select historical_location_id from sta_location_history where location_id = ?",
                        Long.class, id);
                jdbc.update("delete from sta_location where id = ?", id);
                for (Long h : histories) {
                    jdbc.update("delete from sta_historical_location h where h.id = ? and not exists "
                            + "(select 1 from sta_location_history lh where lh.historical_location_id = h.id)", h);
                }
            }
            case "HistoricalLocation" -> jdbc.update("delete from sta_historical_location where id = ?", id);
            case "Sensor" -> {
                jdbc.update("delete from sensing_reading where sensor_id in (select stream_key from sta_datastream where sensor_id = ?)", id);
                jdbc.update("delete from sta_sensor where id = ?", id);
            }
            case "ObservedProperty" -> {
                jdbc.update("delete from sensing_reading where sensor_id in (select stream_key from sta_datastream where observed_property_id = ?)", id);
                jdbc.update("delete from sta_observed_property where id = ?", id);
            }
            case "Datastream" -> {
                jdbc.update("delete from sensing_reading where sensor_id = (select stream_key from sta_datastream where id = ?)", id);
                jdbc.update("delete from sta_datastream where id = ?", id);
            }
            case "Observation" -> jdbc.update("delete from sensing_reading where id = ?", id);
            case "FeatureOfInterest" -> {
                jdbc.update("delete from sensing_reading where feature_id = ?", id);
                jdbc.update("delete from sta_feature where id = ?", id);
            }
            default -> throw new StaException("cannot delete " + type.plural());
        }
    }
}
