package org.townbrain.sensing;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.ObjectMapper;

/**
 * Reads a device's batch, {@code [{sensorId, observedAt, value}, …]} or
 * {@code {"readings": […]}}, token by token: no tree of maps for a batch of thousands of rows.
 * A row that is not an object becomes {@code null} and a field of the wrong shape is kept as
 * sent, so the checks answer each bad row with its own error.
 */
final class TelemetryJson {

    /** Stands for a field that held an object or array: never a valid id, time or value. */
    private static final Object NESTED = new Object();

    private TelemetryJson() {
    }

    /** The rows; throws {@link IllegalArgumentException} or a Jackson exception for a body that is not a batch. */
    static List<TelemetryIngest.Incoming> rows(ObjectMapper json, byte[] body) {
        if (body == null || body.length == 0) {
            throw new IllegalArgumentException("empty");
        }
        try (JsonParser parser = json.createParser(body)) {
            JsonToken root = parser.nextToken();
            List<TelemetryIngest.Incoming> rows = null;
            if (root == JsonToken.START_ARRAY) {
                rows = array(parser);
            } else if (root == JsonToken.START_OBJECT) {
                for (String name = parser.nextName(); name != null; name = parser.nextName()) {
                    if (parser.nextToken() == JsonToken.START_ARRAY && name.equals("readings")) {
                        rows = array(parser);
                    } else {
                        parser.skipChildren();
                    }
                }
            }
            if (rows == null || parser.nextToken() != null) {
                throw new IllegalArgumentException("not an array of readings");
            }
            return rows;
        }
    }

    private static List<TelemetryIngest.Incoming> array(JsonParser parser) {
        List<TelemetryIngest.Incoming> rows = new ArrayList<>();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            if (token != JsonToken.START_OBJECT) {
                parser.skipChildren();
                rows.add(null);
                continue;
            }
            Object sensorId = null;
            Object observedAt = null;
            Object value = null;
            for (String name = parser.nextName(); name != null; name = parser.nextName()) {
                Object field = scalar(parser, parser.nextToken());
                switch (name) {
                    case "sensorId" -> sensorId = field;
                    case "observedAt" -> observedAt = field;
                    case "value" -> value = field;
                    default -> { }
                }
            }
            rows.add(new TelemetryIngest.Incoming(sensorId, observedAt, value));
        }
        return rows;
    }

    private static Object scalar(JsonParser parser, JsonToken token) {
        return switch (token) {
            case VALUE_STRING -> parser.getString();
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
            case START_OBJECT, START_ARRAY -> {
                parser.skipChildren();
                yield NESTED;
            }
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            default -> null;
        };
    }
}
