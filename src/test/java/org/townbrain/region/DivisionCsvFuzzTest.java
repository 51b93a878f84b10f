package org.townbrain.region;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * The division CSV reader (towns, villages, clusters; plain or gzipped) takes files an operator
 * downloads from elsewhere: whatever the bytes, it answers with rows and malformed lines or an
 * {@link IOException} (a broken gzip), never anything else. Regression inputs in
 * {@code src/test/resources/org/townbrain/region/DivisionCsvFuzzTestInputs}; a fuzzing run with
 * {@code bench/fuzz/run.sh}.
 */
class DivisionCsvFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void anyBytesAreRowsMalformedLinesOrAnIoError(byte[] data) {
        try {
            DivisionCsv.Sheet sheet = DivisionCsv.read(new ByteArrayInputStream(data));
            for (DivisionCsv.Row row : sheet.rows()) {
                assertThat(row.cells()).hasSize(sheet.header().size());
            }
        } catch (IOException expected) {
            // a truncated or corrupt gzip stream: the import page reports it
        }
    }
}
