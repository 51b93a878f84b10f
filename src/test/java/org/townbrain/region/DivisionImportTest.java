package org.townbrain.region;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.townbrain.platform.errors.RejectedException;
import org.townbrain.support.IntegrationTest;

/** Importing any county's division CSVs: idempotent, renames updated, bad rows explained. */
@IntegrationTest
class DivisionImportTest {

    private static final String COUNTIES = "code,name,cityCode,provinceCode\n330127,\"淳安县\",3301,33\n330182,\"建德市\",3301,33\n";
    private static final String TOWNS = """
            code,name,areaCode,provinceCode,cityCode
            330127100,"千岛湖镇",330127,33,3301
            330127101,"文昌镇",330127,33,3301
            330182104,"梅城镇",330182,33,3301
            33012710X,"坏代码镇",330127,33,3301
            330127102,"",330127,33,3301
            330127101,"文昌镇",330127,33,3301
            """;
    private static final String VILLAGES = """
            code,name,streetCode,provinceCode,cityCode,areaCode
            330127100001,"千岛湖社区",330127100,33,3301,330127
            330127101201,"文昌村",330127101,33,3301,330127
            330127109201,"无主村",330127109,33,3301,330127
            330127100002,"错位村",330127101,33,3301,330127
            """;

    @Autowired
    DivisionImport divisions;
    @Autowired
    Regions regions;
    @Autowired
    JdbcClient jdbc;

    @Test
    void importsACountyThenChangesNothingTheSecondTimeAndUpdatesARename() throws Exception {
        DivisionImportReport first = divisions.importCounty("330127", files(COUNTIES, TOWNS, VILLAGES));

        assertThat(first.countyName()).isEqualTo("淳安县");
        assertThat(first.towns()).isEqualTo(new DivisionImportReport.Counts(2, 0, 0, 1));
        assertThat(first.villages().added()).isEqualTo(2);
        assertThat(first.rejections()).extracting(DivisionImportReport.Rejection::line).containsExactlyInAnyOrder(5L, 6L, 7L, 4L, 5L);
        assertThat(first.rejections()).extracting(DivisionImportReport.Rejection::reason)
                .anyMatch(r -> r.contains("9 位")).anyMatch(r -> r.contains("名称为空")).anyMatch(r -> r.contains("重复"))
                .anyMatch(r -> r.contains("不存在")).anyMatch(r -> r.contains("不符"));
        assertThat(names("select name from region_village where town_code = '330127100'")).containsExactly("千岛湖社区");
        assertThat(jdbc.sql("select count(*) from region_grid where village_code = '330127100001'").query(Integer.class).single())
                .as("every new village gets its default grid").isEqualTo(1);

        DivisionImportReport again = divisions.importCounty("330127", files(null, TOWNS, VILLAGES));
        assertThat(again.towns()).isEqualTo(new DivisionImportReport.Counts(0, 0, 2, 1));
        assertThat(again.villages()).isEqualTo(new DivisionImportReport.Counts(0, 0, 2, 0));

        DivisionImportReport renamed = divisions.importCounty("330127",
                files(null, TOWNS.replace("\"文昌镇\"", "\"文昌新镇\""), null));
        assertThat(renamed.towns().changed()).isEqualTo(1);
        assertThat(names("select name from region_town where code = '330127101'")).containsExactly("文昌新镇");
        assertThat(regions.county()).hasValueSatisfying(c -> assertThat(c.code())
                .as("a second county is stored but the first one is still the one served").isEqualTo("330182"));
    }

    @Test
    void aFileWithoutTheExpectedColumnsIsRefusedWithNothingWritten() {
        assertThatThrownBy(() -> divisions.importCounty("330127", files(COUNTIES, "id,title\n1,x\n", null)))
                .isInstanceOf(RejectedException.class).hasMessageContaining("缺少列");
        assertThatThrownBy(() -> divisions.importCounty("33012", files(COUNTIES, TOWNS, null)))
                .isInstanceOf(RejectedException.class);
        assertThatThrownBy(() -> divisions.importCounty("330122", files(null, TOWNS, null)))
                .isInstanceOf(RejectedException.class).hasMessageContaining("尚未导入");
    }

    private java.util.List<String> names(String sql) {
        return jdbc.sql(sql).query(String.class).list();
    }

    private static DivisionImport.Files files(String counties, String towns, String villages) {
        return new DivisionImport.Files("counties.csv", in(counties), "towns.csv", in(towns), "villages.csv", in(villages));
    }

    private static InputStream in(String text) {
        return text == null ? null : new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
