package org.townbrain.sensing;

import com.code_intelligence.jazzer.junit.FuzzTest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * A device's telemetry batch is outside input: whatever the bytes, {@link TelemetryJson#rows}
 * returns rows or throws what {@code TelemetryApi} answers with 400 (a Jackson exception or an
 * {@link IllegalArgumentException}), never anything a user would see as a 500.
 */
class TelemetryJsonFuzzTest {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    @FuzzTest(maxDuration = "10m")
    void anyBodyIsRowsOrABadRequest(byte[] body) {
        try {
            TelemetryJson.rows(JSON, body);
        } catch (JacksonException | IllegalArgumentException answeredWith400) {
            // TelemetryApi answers 400
        }
    }
}
