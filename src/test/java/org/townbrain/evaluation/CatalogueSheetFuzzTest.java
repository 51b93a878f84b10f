package org.townbrain.evaluation;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.util.Optional;
import java.util.Set;
import org.townbrain.platform.errors.RejectedException;

/**
 * The indicator catalogue XLSX import reads a workbook a person uploads: whatever the bytes, it
 * returns a catalogue or a {@link RejectedException} (answered 422 with the reason), never
 * anything else.
 */
class CatalogueSheetFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void anyWorkbookIsACatalogueOrARejection(byte[] data) {
        try {
            CatalogueSheet.read(new ByteArrayInputStream(data), 2025, Set.of("CULTURE_TOURISM", "INDUSTRY"), Optional.empty());
        } catch (RejectedException answeredWith422) {
            // the import page and API show the reason
        }
    }
}
