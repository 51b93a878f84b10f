package org.townbrain.region;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class DivisionCsvTest {

    @Test
    void readsQuotedNamesByColumnName() throws Exception {
        var sheet = DivisionCsv.read(stream("code,name,areaCode\n330182104,\"梅城镇\",330182\n"));
        assertThat(sheet.header()).containsExactly("code", "name", "areaCode");
        assertThat(sheet.rows()).singleElement().satisfies(row -> {
            assertThat(row.get("name")).isEqualTo("梅城镇");
            assertThat(row.line()).isEqualTo(2);
        });
    }

    @Test
    void reportsRowsWithTheWrongNumberOfColumnsOrAnOpenQuote() throws Exception {
        var sheet = DivisionCsv.read(stream("code,name,areaCode\n1,2\n330182104,\"梅城镇,330182\n330182105,\"a,b\",330182\n"));
        assertThat(sheet.malformed()).extracting(DivisionCsv.Malformed::line).containsExactly(2L, 3L);
        assertThat(sheet.rows()).singleElement().satisfies(row -> assertThat(row.get("name")).isEqualTo("a,b"));
    }

    @Test
    void readsGzippedFilesAndIgnoresAByteOrderMark() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (var gzip = new GZIPOutputStream(bytes)) {
            gzip.write("\uFEFFcode,name\n1,\"x\"\n".getBytes(StandardCharsets.UTF_8));
        }
        var sheet = DivisionCsv.read(new ByteArrayInputStream(bytes.toByteArray()));
        assertThat(sheet.hasColumns("code", "name")).isTrue();
        assertThat(sheet.rows()).hasSize(1);
    }

    private static ByteArrayInputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
