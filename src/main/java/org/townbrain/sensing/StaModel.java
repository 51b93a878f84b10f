package org.townbrain.sensing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The SensorThings entity types as the database holds them: each property's column and kind, and
 * each navigation property's join. A join is written with {@code {p}} for the alias of the entity
 * navigated from and {@code {c}} for the one navigated to.
 */
final class StaModel {

    enum Kind { TEXT, NUMBER, TIME, JSON, INTERVAL, BOOL }

    /** A property: its SQL expression over the alias {@code {a}}; INTERVAL keeps the end in {@code end}. */
    record Prop(String name, String sql, Kind kind, String end, boolean required) {
        String on(String alias) {
            return sql.replace("{a}", alias);
        }
    }

    /**
     * A navigation property. For an equality join {@code childColumn} of the target equals
     * {@code parentColumn} of the source; otherwise {@code join} is a condition.
     */
    record Rel(String name, String target, boolean many, String childColumn, String parentColumn, String join) {
        String condition(String parent, String child) {
            if (join != null) {
                return join.replace("{p}", parent).replace("{c}", child);
            }
            return child + "." + childColumn + " = " + parent + "." + parentColumn;
        }
    }

    record Type(String singular, String plural, String table, List<Prop> props, List<Rel> rels, String scope) {
        Prop prop(String name) {
            return props.stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
        }

        Rel rel(String name) {
            return rels.stream().filter(r -> r.name().equals(name)).findFirst().orElse(null);
        }

        /** The condition limiting rows of alias {@code a} to the towns in {@code towns} (a SQL list). */
        String scope(String a, String towns) {
            return scope.replace("{a}", a).replace("{towns}", towns);
        }
    }

    static final String ID = "id";

    private static Prop text(String name, String column, boolean required) {
        return new Prop(name, "{a}." + column, Kind.TEXT, null, required);
    }

    private static Prop json(String name, String column, boolean required) {
        return new Prop(name, "{a}." + column, Kind.JSON, null, required);
    }

    private static Rel eq(String name, String target, boolean many, String childColumn, String parentColumn) {
        return new Rel(name, target, many, childColumn, parentColumn, null);
    }

    private static Rel join(String name, String target, String join) {
        return new Rel(name, target, true, null, null, join);
    }

    private static final String TOWN = "{a}.town_code in ({towns})";

    static final Map<String, Type> TYPES = new LinkedHashMap<>();

    static {
        add(new Type("Thing", "Things", "sta_thing", List.of(
                text("name", "name", true), text("description", "description", true), json("properties", "properties", false)),
                List.of(join("Locations", "Locations",
                                "exists (select 1 from sta_thing_location tl where tl.thing_id = {p}.id and tl.location_id = {c}.id)"),
                        eq("HistoricalLocations", "HistoricalLocations", true, "thing_id", "id"),
                        eq("Datastreams", "Datastreams", true, "thing_id", "id")), TOWN));
        add(new Type("Location", "Locations", "sta_location", List.of(
                text("name", "name", true), text("description", "description", true),
                text("encodingType", "encoding_type", true), json("location", "location", true),
                json("properties", "properties", false)),
                List.of(join("Things", "Things",
                                "exists (select 1 from sta_thing_location tl where tl.thing_id = {c}.id and tl.location_id = {p}.id)"),
                        join("HistoricalLocations", "HistoricalLocations",
                                "exists (select 1 from sta_location_history lh where lh.location_id = {p}.id and lh.historical_location_id = {c}.id)")),
                TOWN));
        add(new Type("HistoricalLocation", "HistoricalLocations", "sta_historical_location", List.of(
                new Prop("time", "{a}.time", Kind.TIME, null, true)),
                List.of(eq("Thing", "Things", false, "id", "thing_id"),
                        join("Locations", "Locations",
                                "exists (select 1 from sta_location_history lh where lh.historical_location_id = {p}.id and lh.location_id = {c}.id)")),
                "exists (select 1 from sta_thing st where st.id = {a}.thing_id and st.town_code in ({towns}))"));
        add(new Type("Sensor", "Sensors", "sta_sensor", List.of(
                text("name", "name", true), text("description", "description", true),
                text("encodingType", "encoding_type", true), text("metadata", "metadata", true),
                json("properties", "properties", false)),
                List.of(eq("Datastreams", "Datastreams", true, "sensor_id", "id")), TOWN));
        add(new Type("ObservedProperty", "ObservedProperties", "sta_observed_property", List.of(
                text("name", "name", true), text("definition", "definition", true), text("description", "description", true),
                json("properties", "properties", false)),
                List.of(eq("Datastreams", "Datastreams", true, "observed_property_id", "id")),
                "({a}.town_code in ({towns}) or exists (select 1 from sta_datastream sd where sd.observed_property_id = {a}.id"
                        + " and sd.town_code in ({towns})))"));
        add(new Type("Datastream", "Datastreams", "sta_datastream", List.of(
                text("name", "name", true), text("description", "description", true),
                json("unitOfMeasurement", "unit_of_measurement", true), text("observationType", "observation_type", true),
                json("properties", "properties", false)),
                List.of(eq("Thing", "Things", false, "id", "thing_id"),
                        eq("Sensor", "Sensors", false, "id", "sensor_id"),
                        eq("ObservedProperty", "ObservedProperties", false, "id", "observed_property_id"),
                        eq("Observations", "Observations", true, "sensor_id", "stream_key")), TOWN));
        add(new Type("Observation", "Observations", "sensing_reading", List.of(
                new Prop("phenomenonTime", "{a}.observed_at", Kind.INTERVAL, "{a}.phenomenon_end", true),
                new Prop("result", "{a}.value", Kind.NUMBER, null, true),
                new Prop("resultTime", "{a}.result_time", Kind.TIME, null, false),
                json("resultQuality", "result_quality", false),
                new Prop("validTime", "{a}.valid_from", Kind.INTERVAL, "{a}.valid_to", false),
                json("parameters", "parameters", false)),
                List.of(eq("Datastream", "Datastreams", false, "stream_key", "sensor_id"),
                        eq("FeatureOfInterest", "FeaturesOfInterest", false, "id", "feature_id")),
                "exists (select 1 from sta_datastream sd where sd.stream_key = {a}.sensor_id and sd.town_code in ({towns}))"));
        add(new Type("FeatureOfInterest", "FeaturesOfInterest", "sta_feature", List.of(
                text("name", "name", true), text("description", "description", true),
                text("encodingType", "encoding_type", true), json("feature", "feature", true),
                json("properties", "properties", false)),
                List.of(eq("Observations", "Observations", true, "feature_id", "id")), TOWN));
    }

    private static void add(Type type) {
        TYPES.put(type.plural(), type);
    }

    static Type bySingular(String singular) {
        return TYPES.values().stream().filter(t -> t.singular().equals(singular)).findFirst().orElse(null);
    }

    private StaModel() {
    }
}
