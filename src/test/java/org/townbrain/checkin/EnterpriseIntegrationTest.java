package org.townbrain.checkin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;
import org.townbrain.support.IntegrationTest;
import tools.jackson.databind.ObjectMapper;

@IntegrationTest
@RecordApplicationEvents
class EnterpriseIntegrationTest {

    private static final Random RANDOM = new Random();

    @Autowired MockMvc mvc;
    @Autowired ObjectMapper json;
    @Autowired ApplicationEvents events;
    @Autowired ResumptionEnterprises enterprises;

    @Test
    void anInvalidCreditCodeIsRefusedAndAValidOneRegistered() throws Exception {
        String valid = newUscc();
        String wrongCheck = valid.substring(0, 17) + (valid.charAt(17) == '0' ? '1' : '0');
        mvc.perform(post("/api/checkin/enterprises").with(httpBasic("meicheng", "demo")).contentType(MediaType.APPLICATION_JSON)
                        .content(body(wrongCheck, "建德市梅城测试有限公司")))
                .andExpect(status().isUnprocessableContent()).andExpect(jsonPath("$.field").value("uscc"));
        long id = register(valid, "建德市梅城测试有限公司");
        mvc.perform(get("/api/checkin/enterprises/{id}/reports", id).with(httpBasic("shouchang", "demo")))
                .andExpect(status().isNotFound());
        mvc.perform(post("/api/checkin/enterprises").with(httpBasic("meicheng", "demo")).contentType(MediaType.APPLICATION_JSON)
                .content(body(valid, "重复"))).andExpect(status().isUnprocessableContent());
    }

    @Test
    void dailyReportsGiveTheResumptionRateAndANeedBecomesACaseOnce() throws Exception {
        long id = register(newUscc(), "建德市梅城复工测试有限公司");
        LocalDate day = LocalDate.of(2026, 2, 10);
        mvc.perform(post("/api/checkin/enterprises/{id}/reports", id).with(httpBasic("meicheng", "demo"))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"day\":\"" + day + "\",\"workersExpected\":40,\"workersBack\":50,\"capacityPercent\":60}"))
                .andExpect(status().isUnprocessableContent());
        mvc.perform(post("/api/checkin/enterprises/{id}/reports", id).with(httpBasic("meicheng", "demo"))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"day\":\"" + day + "\",\"workersExpected\":40,\"workersBack\":30,\"capacityPercent\":60,"
                        + "\"needs\":\"缺叉车司机3名\"}"))
                .andExpect(status().isNoContent());
        mvc.perform(get("/api/checkin/resumption").param("day", day.toString()).with(httpBasic("meicheng", "demo")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.total[0].rate").value(75.0))
                .andExpect(jsonPath("$.byIndustry[?(@.key == 'MANUFACTURING')].rate").value(org.hamcrest.Matchers.hasItem(75.0)));

        mvc.perform(post("/checkin/enterprises/{id}/reports/{d}/case", id, day).with(httpBasic("meicheng", "demo")).with(csrf()))
                .andExpect(status().is3xxRedirection());
        List<org.townbrain.cases.CaseRequested> raised = events.stream(org.townbrain.cases.CaseRequested.class)
                .filter(e -> ("checkin-need:" + id + ":" + day).equals(e.externalRef())).toList();
        assertThat(raised).singleElement().satisfies(e -> {
            assertThat(e.townCode()).isEqualTo("330182104");
            assertThat(e.reason()).isEqualTo(org.townbrain.cases.CaseRequested.Reason.ENTERPRISE_NEED);
            assertThat(e.description()).endsWith("缺叉车司机3名");
        });
        mvc.perform(post("/api/checkin/enterprises/{id}/reports/{d}/case", id, day).with(httpBasic("meicheng", "demo")))
                .andExpect(status().isConflict());
        String ref = "checkin-need:" + id + ":" + day;
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(caseJdbc.sql("select source from cases_case where external_ref = :r").param("r", ref)
                        .query(String.class).list()).as("the town now handles the need as a case").containsExactly("ENTERPRISE_NEED"));
        assertThat(caseJdbc.sql("select category_code from cases_case where external_ref = :r").param("r", ref)
                .query(String.class).single()).as("企业诉求 in the cases catalogue").isEqualTo("E0604");
        mvc.perform(get("/checkin/resumption").param("day", day.toString()).with(httpBasic("meicheng", "demo")))
                .andExpect(status().isOk());
    }

    @Test
    void xlsxImportIsAllOrNothingAndExportImportsBack() throws Exception {
        String good = newUscc();
        String other = newUscc();
        byte[] withBadRow = workbook(List.of(
                new String[] {good, "建德市梅城导入一有限公司", "330182104", "", "制造业", "小型", "20"},
                new String[] {"913301820000000000", "坏代码", "330182104", "", "制造业", "小型", "5"}));
        mvc.perform(multipart("/checkin/enterprises/import").file(new MockMultipartFile("file", "e.xlsx", null, withBadRow))
                        .with(httpBasic("meicheng", "demo")).with(csrf()))
                .andExpect(status().is3xxRedirection()).andExpect(flash().attributeExists("importError"));
        assertThat(enterprisesWith(good)).isZero();

        byte[] fine = workbook(List.of(new String[] {good, "建德市梅城导入一有限公司", "330182104", "", "制造业", "小型", "20"},
                new String[] {other, "建德市梅城导入二有限公司", "330182104", "", "文旅住宿餐饮", "微型", "8"}));
        mvc.perform(multipart("/checkin/enterprises/import").file(new MockMultipartFile("file", "e.xlsx", null, fine))
                        .with(httpBasic("meicheng", "demo")).with(csrf()))
                .andExpect(status().is3xxRedirection()).andExpect(flash().attributeExists("imported"));
        assertThat(enterprisesWith(good) + enterprisesWith(other)).isEqualTo(2);

        byte[] exported = mvc.perform(get("/checkin/enterprises.xlsx").with(httpBasic("meicheng", "demo")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        try (ReadableWorkbook book = new ReadableWorkbook(new ByteArrayInputStream(exported))) {
            List<String> codes = book.findSheet(EnterpriseSheets.ENTERPRISES).orElseThrow().read().stream()
                    .map(r -> r.getCellText(0)).toList();
            assertThat(codes).contains(good, other).doesNotContain("913301820000000000");
            assertThat(codes.subList(1, codes.size())).allSatisfy(c -> assertThat(Uscc.isValid(c)).isTrue());
        }
        // the exported workbook imports back without duplicating anything
        mvc.perform(multipart("/checkin/enterprises/import").file(new MockMultipartFile("file", "e.xlsx", null, exported))
                        .with(httpBasic("meicheng", "demo")).with(csrf()))
                .andExpect(status().is3xxRedirection()).andExpect(flash().attributeExists("imported"));
        assertThat(enterprisesWith(good)).isOne();
        mvc.perform(multipart("/checkin/enterprises/import").file(new MockMultipartFile("file", "e.xlsx", null, "not excel".getBytes()))
                        .with(httpBasic("meicheng", "demo")).with(csrf()))
                .andExpect(status().is3xxRedirection()).andExpect(flash().attributeExists("importError"));
    }

    private long enterprisesWith(String uscc) throws Exception {
        String list = mvc.perform(get("/api/checkin/enterprises").with(httpBasic("meicheng", "demo"))).andReturn().getResponse()
                .getContentAsString();
        return json.readTree(list).valueStream().filter(n -> n.get("uscc").asString().equals(uscc)).count();
    }

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient caseJdbc;

    private long register(String uscc, String name) throws Exception {
        String answer = mvc.perform(post("/api/checkin/enterprises").with(httpBasic("meicheng", "demo"))
                        .contentType(MediaType.APPLICATION_JSON).content(body(uscc, name)))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return json.readTree(answer).get("id").asLong();
    }

    private static String body(String uscc, String name) {
        return "{\"uscc\":\"" + uscc + "\",\"name\":\"" + name + "\",\"townCode\":\"330182104\",\"industry\":\"MANUFACTURING\","
                + "\"size\":\"SMALL\",\"workers\":40}";
    }

    static String newUscc() {
        StringBuilder first17 = new StringBuilder("91330182MA2T");
        for (int i = 0; i < 5; i++) {
            first17.append(Uscc.CHARSET.charAt(RANDOM.nextInt(Uscc.CHARSET.length())));
        }
        return first17 + String.valueOf(Uscc.checkCharacter(first17.toString()));
    }

    private static byte[] workbook(List<String[]> rows) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Workbook book = new Workbook(out, "test", "1.0");
        Worksheet sheet = book.newWorksheet(EnterpriseSheets.ENTERPRISES);
        for (int c = 0; c < EnterpriseSheets.ENTERPRISE_HEADER.size(); c++) {
            sheet.value(0, c, EnterpriseSheets.ENTERPRISE_HEADER.get(c));
        }
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < rows.get(r).length; c++) {
                sheet.value(r + 1, c, rows.get(r)[c]);
            }
        }
        book.finish();
        return out.toByteArray();
    }
}
