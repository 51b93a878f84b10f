package org.townbrain.sensing;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.time.format.DateTimeParseException;

/**
 * A staff CSV upload of readings and the observation times in it (read by hand for speed by
 * {@link IsoInstant}): every line is a row or a malformed line, every time an instant or the
 * {@link DateTimeParseException} the ingest reports as that row's error, never anything else.
 */
class TelemetryCsvFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void anyUploadIsRowsAndRowErrors(String body) throws IOException {
        TelemetryApi.CsvRows csv = TelemetryApi.csvRows(body);
        for (TelemetryIngest.Incoming row : csv.rows()) {
            if (row != null && row.observedAt() instanceof String time) {
                try {
                    IsoInstant.parse(time);
                } catch (DateTimeParseException rowError) {
                    // reported as the row's error
                }
            }
        }
    }
}
