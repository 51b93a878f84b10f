package org.townbrain.sensing;

import java.time.Instant;
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
        String lastId = null;
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
                JsonToken field = parser.nextToken();
                switch (name) {
                    case "sensorId" -> sensorId = field == JsonToken.VALUE_STRING ? (lastId = sameString(parser, lastId))
                            : scalar(parser, field);
                    case "observedAt" -> observedAt = time(parser, field);
                    case "value" -> value = scalar(parser, field);
                    default -> scalar(parser, field);
                }
            }
            rows.add(new TelemetryIngest.Incoming(sensorId, observedAt, value));
        }
        return rows;
    }

    /**
     * The text of the current string, as {@code last} when it spells the same: a batch is mostly
     * one sensor's, so its rows share one string instead of making one each.
     */
    private static String sameString(JsonParser parser, String last) {
        char[] chars = parser.getStringCharacters();
        int offset = parser.getStringOffset();
        int length = parser.getStringLength();
        if (last != null && last.length() == length) {
            int i = 0;
            while (i < length && last.charAt(i) == chars[offset + i]) {
                i++;
            }
            if (i == length) {
                return last;
            }
        }
        return new String(chars, offset, length);
    }

    /** An observation time already read when it has a common shape (no string made), else the field as sent. */
    private static Object time(JsonParser parser, JsonToken token) {
        if (token == JsonToken.VALUE_STRING) {
            Instant at = IsoInstant.common(parser.getStringCharacters(), parser.getStringOffset(), parser.getStringLength());
            if (at != null) {
                return at;
            }
        }
        return scalar(parser, token);
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
