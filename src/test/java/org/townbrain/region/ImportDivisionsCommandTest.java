package org.townbrain.region;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.townbrain.support.IntegrationTest;

/** {@code java -jar townbrain.jar import-divisions <county> <folder>} prints a report and exits 0. */
@IntegrationTest
class ImportDivisionsCommandTest {

    @Autowired
    ImportDivisionsCommand command;

    @Test
    void importsAFolderOfDivisionFilesAndPrintsTheReport(@TempDir Path folder) throws Exception {
        Files.writeString(folder.resolve("zhejiang-counties.csv"), "code,name,cityCode,provinceCode\n330122,\"桐庐县\",3301,33\n");
        Files.writeString(folder.resolve("zhejiang-towns.csv"),
                "code,name,areaCode,provinceCode,cityCode\n330122100,\"桐君街道\",330122,33,3301\n330122101,\"x\",999999,33,3301\n");
        Files.writeString(folder.resolve("zhejiang-villages.csv"),
                "code,name,streetCode,provinceCode,cityCode,areaCode\n330122100001,\"迎春社区\",330122100,33,3301,330122\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int exit = command.run(List.of("330122", folder.toString()), new PrintStream(out, true, StandardCharsets.UTF_8));

        String report = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(report).isZero();
        assertThat(report).contains("桐庐县").contains("Towns:    1 added").contains("Villages: 1 added").contains("Rejected: 0");
    }

    @Test
    void explainsItsUsage() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(command.run(List.of(), new PrintStream(out, true, StandardCharsets.UTF_8))).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("usage: import-divisions");
    }
}
