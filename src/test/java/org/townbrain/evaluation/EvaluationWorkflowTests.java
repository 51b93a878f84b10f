package org.townbrain.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Set;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.townbrain.support.IntegrationTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * One town's year from catalogue import to a locked assessment and a funding policy, on its own
 * year (2030) so that it touches no demo rows: bad input is refused with nothing changed, edits
 * after submission or locking conflict, and jurisdiction holds.
 */
@IntegrationTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EvaluationWorkflowTests {

    static final int YEAR = 2030;
    static final String SHOUCHANG = "330182109";
    static final String BASE = "/api/evaluation/" + YEAR + "/towns/" + SHOUCHANG;

    @Autowired
    MockMvc mvc;

    @Autowired
    ObjectMapper json;

    @Autowired
    LockedEvents locked;

    static Catalogue catalogue() {
        List<Indicator> indicators = List.of(
                new Indicator("W_RATE", 1, "污水处理率", Dimension.ENVIRONMENT, Indicator.Category.COMMON, Set.of(), "%",
                        Indicator.Kind.PERCENT, Indicator.Direction.HIGHER, 90, ScoringRule.parse("LINEAR 50 90"), 50, true,
                        false, "台账", true),
                new Indicator("W_FLAG", 2, "一个小镇客厅", Dimension.CULTURE, Indicator.Category.COMMON, Set.of(), "是/否",
                        Indicator.Kind.BOOLEAN, Indicator.Direction.HIGHER, 1, ScoringRule.parse("PASS_FAIL"), 30, false,
                        true, "照片", true),
                new Indicator("TEST_COMPUTED", 3, "按期结案数", Dimension.GOVERNANCE, Indicator.Category.COMMON, Set.of(), "件",
                        Indicator.Kind.NUMBER, Indicator.Direction.HIGHER, 40, ScoringRule.parse("LINEAR 0 40"), 20, false,
                        false, "平台统计", true),
                new Indicator("W_BONUS", 4, "辐射带动乡镇", Dimension.URBAN_RURAL_INTEGRATION, Indicator.Category.TYPE_SPECIFIC,
                        Set.of("COUNTY_SUBCENTRE"), "个", Indicator.Kind.NUMBER, Indicator.Direction.HIGHER, 3,
                        ScoringRule.parse("LINEAR 0 3"), 5, false, false, "", true));
        return new Catalogue(YEAR, "workflow test", 10, PassLines.ASSUMED_DEFAULTS, 1, true, indicators, List.of("总体满意度"));
    }

    static byte[] xlsx(Catalogue catalogue) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CatalogueSheet.write(catalogue, out);
        return out.toByteArray();
    }

    /** A workbook whose second indicator has a rule that is not a rule. */
    static byte[] badRow() throws java.io.IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        org.dhatim.fastexcel.Workbook book = new org.dhatim.fastexcel.Workbook(out, "test", "1.0");
        org.dhatim.fastexcel.Worksheet sheet = book.newWorksheet("indicators");
        List<List<String>> rows = List.of(CatalogueSheet.COLUMNS,
                CatalogueSheet.cells(catalogue().indicators().get(0)),
                List.of("W_BAD", "LIVING", "COMMON", "", "坏规则", "%", "PERCENT", "HIGHER", "90", "MAGIC 5", "10", "false", "false", ""));
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < rows.get(r).size(); c++) {
                sheet.value(r, c, rows.get(r).get(c));
            }
        }
        book.finish();
        return out.toByteArray();
    }

    ResultActions importCatalogue(byte[] bytes) throws Exception {
        return mvc.perform(multipart("/api/evaluation/" + YEAR + "/catalogue")
                .file(new MockMultipartFile("file", "c.xlsx", EvaluationApi.XLSX, bytes)).with(httpBasic("county", "demo")));
    }

    ResultActions putValues(String user, String body) throws Exception {
        return mvc.perform(put(BASE + "/values").with(httpBasic(user, "demo")).contentType(MediaType.APPLICATION_JSON).content(body));
    }

    ResultActions act(String user, String action, String body) throws Exception {
        return mvc.perform(post(BASE + "/" + action).with(httpBasic(user, "demo")).contentType(MediaType.APPLICATION_JSON)
                .content(body == null ? "{}" : body));
    }

    JsonNode scorecard() throws Exception {
        return json.readTree(mvc.perform(get(BASE).with(httpBasic("county", "demo"))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString());
    }

    static JsonNode line(JsonNode card, String code) {
        for (JsonNode line : card.get("lines")) {
            if (line.get("indicator").asString().equals(code)) {
                return line;
            }
        }
        throw new AssertionError(code);
    }

    @Test
    @Order(1)
    void theCountyImportsTheCatalogueAndABadFileChangesNothing() throws Exception {
        importCatalogue(xlsx(catalogue())).andExpect(status().isOk()).andExpect(jsonPath("$.indicators").value(4));
        importCatalogue("not a workbook".getBytes()).andExpect(status().isUnprocessableContent());
        importCatalogue(badRow()).andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.detail", Matchers.containsString("row 3")))
                .andExpect(jsonPath("$.detail", Matchers.containsString("unknown scoring rule")));
        mvc.perform(get("/api/evaluation/" + YEAR + "/catalogue").with(httpBasic("county", "demo")))
                .andExpect(jsonPath("$.indicators.length()").value(4))
                .andExpect(jsonPath("$.indicators[0].rule").value("LINEAR 50 90"))
                .andExpect(jsonPath("$.indicators[1].rule").value("PASS_FAIL"));
        mvc.perform(multipart("/api/evaluation/" + YEAR + "/catalogue")
                .file(new MockMultipartFile("file", "c.xlsx", EvaluationApi.XLSX, xlsx(catalogue())))
                .with(httpBasic("shouchang", "demo"))).andExpect(status().isForbidden());
        mvc.perform(get("/api/evaluation/" + YEAR + "/catalogue.xlsx").with(httpBasic("county", "demo")))
                .andExpect(status().isOk()).andExpect(content().contentType(EvaluationApi.XLSX));
    }

    @Test
    @Order(2)
    void valuesOfTheWrongUnitOrTypeOrNotInTheCatalogueAreRefusedAndNothingIsStored() throws Exception {
        putValues("shouchang", """
                {"values":[{"indicator":"W_FLAG","value":1},{"indicator":"W_RATE","value":95,"unit":"个"}]}""")
                .andExpect(status().isUnprocessableContent()).andExpect(jsonPath("$.detail", Matchers.containsString("unit")));
        putValues("shouchang", """
                {"values":[{"indicator":"W_FLAG","value":1},{"indicator":"NOT_THERE","value":5}]}""")
                .andExpect(status().isUnprocessableContent()).andExpect(jsonPath("$.detail", Matchers.containsString("not in the 2030")));
        putValues("shouchang", """
                {"values":[{"indicator":"W_RATE","value":120}]}""").andExpect(status().isUnprocessableContent());
        putValues("shouchang", """
                {"values":[{"indicator":"W_FLAG","value":2}]}""").andExpect(status().isUnprocessableContent());
        putValues("shouchang", """
                {"values":[{"indicator":"W_FLAG","value":"many"}]}""").andExpect(status().isBadRequest());
        JsonNode card = scorecard();
        assertThat(line(card, "W_FLAG").get("value").isNull()).isTrue();
        assertThat(line(card, "W_RATE").get("value").isNull()).isTrue();
    }

    @Test
    @Order(3)
    void aTownEntersItsValuesButNotAnotherTownsAndNoOneElseSeesThem() throws Exception {
        putValues("shouchang", """
                {"values":[{"indicator":"W_RATE","value":70,"unit":"%"},{"indicator":"W_FLAG","value":1},{"indicator":"W_BONUS","value":3}]}""")
                .andExpect(status().isOk()).andExpect(jsonPath("$.result.tier").value("NONE"));
        mvc.perform(put("/api/evaluation/" + YEAR + "/towns/330182104/values").with(httpBasic("shouchang", "demo"))
                .contentType(MediaType.APPLICATION_JSON).content("{\"values\":[{\"indicator\":\"W_FLAG\",\"value\":1}]}"))
                .andExpect(status().isNotFound());
        mvc.perform(get(BASE).with(httpBasic("meicheng", "demo"))).andExpect(status().isNotFound());
        putValues("inspector", "{\"values\":[{\"indicator\":\"W_FLAG\",\"value\":0}]}").andExpect(status().isForbidden());
        JsonNode card = scorecard();
        assertThat(line(card, "W_RATE").get("value").asDouble()).isEqualTo(70);
        assertThat(line(card, "W_RATE").get("source").asString()).isEqualTo("MANUAL");
        assertThat(card.get("result").get("gaps").get(0).get("indicator").asString()).isEqualTo("W_RATE");
        putValues("shouchang", "{\"version\":0,\"values\":[{\"indicator\":\"W_RATE\",\"value\":96}]}")
                .andExpect(status().isConflict());
        evidence("shouchang", "W_FLAG", "application/pdf").andExpect(status().isOk());
        evidence("shouchang", "W_FLAG", "application/x-msdownload").andExpect(status().isUnprocessableContent());
        evidence("shouchang", "NOT_THERE", "application/pdf").andExpect(status().isUnprocessableContent());
        evidence("meicheng", "W_FLAG", "application/pdf").andExpect(status().isNotFound());
    }

    ResultActions evidence(String user, String indicator, String type) throws Exception {
        return mvc.perform(multipart(BASE + "/evidence").file(new MockMultipartFile("file", "客厅.pdf", type, "%PDF-1.4".getBytes()))
                .param("indicator", indicator).with(httpBasic(user, "demo")));
    }

    @Test
    @Order(4)
    void submittingComputesThePlatformsOwnNumbersAndFreezesTheValues() throws Exception {
        putValues("shouchang", "{\"values\":[{\"indicator\":\"W_RATE\",\"value\":96}]}").andExpect(status().isOk());
        act("shouchang", "submit", null).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("SUBMITTED"));
        JsonNode card = scorecard();
        assertThat(line(card, "TEST_COMPUTED").get("value").asDouble()).isEqualTo(42);
        assertThat(line(card, "TEST_COMPUTED").get("source").asString()).isEqualTo("COMPUTED");
        assertThat(line(card, "TEST_COMPUTED").get("sourceDetail").asString()).contains("test source");
        putValues("shouchang", "{\"values\":[{\"indicator\":\"W_RATE\",\"value\":99}]}").andExpect(status().isConflict());
        act("shouchang", "accept", null).andExpect(status().isForbidden());
        assertThat(line(scorecard(), "W_RATE").get("value").asDouble()).isEqualTo(96);
    }

    @Test
    @Order(5)
    void theCountyReturnsWithCommentsThenAcceptsAndLocks() throws Exception {
        act("county", "return", "{\"comment\":\"  \"}").andExpect(status().isUnprocessableContent());
        act("county", "return", "{\"comment\":\"请补充佐证材料\"}").andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("RETURNED")).andExpect(jsonPath("$.reviewComment").value("请补充佐证材料"));
        putValues("shouchang", "{\"values\":[{\"indicator\":\"W_RATE\",\"value\":97}]}").andExpect(status().isOk());
        act("shouchang", "submit", null).andExpect(status().isOk());
        act("county", "lock", null).andExpect(status().isConflict());
        act("county", "accept", null).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("ACCEPTED"));
        act("county", "lock", null).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("LOCKED"))
                .andExpect(jsonPath("$.result.tier").value("BASELINE"));
        assertThat(locked.received).anySatisfy(e -> {
            assertThat(e.townCode()).isEqualTo(SHOUCHANG);
            assertThat(e.year()).isEqualTo(YEAR);
            assertThat(e.tier()).isEqualTo(org.townbrain.region.Tier.BASELINE);
        });
        putValues("shouchang", "{\"values\":[{\"indicator\":\"W_RATE\",\"value\":10}]}").andExpect(status().isConflict());
        putValues("county", "{\"values\":[{\"indicator\":\"W_RATE\",\"value\":10}]}").andExpect(status().isConflict());
        evidence("shouchang", "W_FLAG", "application/pdf").andExpect(status().isConflict());
        assertThat(line(scorecard(), "W_RATE").get("value").asDouble()).isEqualTo(97);
        importCatalogue(xlsx(catalogue())).andExpect(status().isConflict());
        mvc.perform(get(BASE + "/assessment.xlsx").with(httpBasic("shouchang", "demo"))).andExpect(status().isOk())
                .andExpect(content().contentType(EvaluationApi.XLSX));
    }

    @Test
    @Order(6)
    void aFundingPolicyThatOverlapsOrNamesUnknownResultsIsRefusedAndAGoodOneAllocates() throws Exception {
        mvc.perform(get("/api/funding/" + YEAR).with(httpBasic("county", "demo"))).andExpect(status().isNotFound());
        String good = """
                {"year":2030,"pool":2000000,"townCap":1500000,"assumed":true,
                 "bases":[{"townType":"COUNTY_SUBCENTRE","tier":"BASELINE","amount":1000000},
                          {"townType":"COUNTY_SUBCENTRE","tier":"MODEL","amount":2000000}],
                 "rewards":[{"code":"R1","name":"客厅建成","trigger":"MET:W_FLAG","amount":300000},
                            {"code":"R2","name":"样板","trigger":"TIER=MODEL","amount":500000}],
                 "towns":[{"townCode":"330182109","base":null,"extra":400000,"cap":null,"note":"一镇一策"}]}""";
        String overlap = good.replace("\"TIER=MODEL\"", "\"MET:W_FLAG\"");
        String unknown = good.replace("\"TIER=MODEL\"", "\"TIER=GOLD\"");
        String unknownIndicator = good.replace("MET:W_FLAG", "MET:NOPE");
        for (String bad : List.of(overlap, unknown, unknownIndicator)) {
            mvc.perform(put("/api/funding/" + YEAR + "/policy").with(httpBasic("county", "demo"))
                    .contentType(MediaType.APPLICATION_JSON).content(bad)).andExpect(status().isUnprocessableContent());
        }
        mvc.perform(get("/api/funding/" + YEAR + "/policy").with(httpBasic("county", "demo"))).andExpect(status().isNotFound());
        mvc.perform(put("/api/funding/" + YEAR + "/policy").with(httpBasic("shouchang", "demo"))
                .contentType(MediaType.APPLICATION_JSON).content(good)).andExpect(status().isForbidden());
        mvc.perform(put("/api/funding/" + YEAR + "/policy").with(httpBasic("county", "demo"))
                .contentType(MediaType.APPLICATION_JSON).content(good)).andExpect(status().isOk());
        JsonNode funding = json.readTree(mvc.perform(get("/api/funding/" + YEAR).with(httpBasic("county", "demo")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        assertThat(funding.get("allocated").asLong()).isLessThanOrEqualTo(funding.get("pool").asLong());
        for (JsonNode town : funding.get("towns")) {
            if (town.get("townCode").asString().equals(SHOUCHANG)) {
                assertThat(town.get("base").asLong()).isEqualTo(1_000_000);
                assertThat(town.get("rewards").asLong()).isEqualTo(700_000);
                assertThat(town.get("total").asLong()).isEqualTo(1_500_000);
            } else {
                assertThat(town.get("total").asLong()).as("no accepted assessment").isZero();
            }
        }
        mvc.perform(put("/api/funding/" + YEAR + "/policy").with(httpBasic("county", "demo"))
                .contentType(MediaType.APPLICATION_JSON).content(overlap)).andExpect(status().isUnprocessableContent());
        mvc.perform(get("/api/funding/" + YEAR + "/policy").with(httpBasic("county", "demo")))
                .andExpect(jsonPath("$.rewards[1].trigger").value("TIER=MODEL"));
    }

    @Test
    @Order(7)
    void theCountyEditsThePolicyAsAFormAndABadRowLeavesItAsItWas() throws Exception {
        String page = mvc.perform(get("/evaluation/" + YEAR + "/funding").with(httpBasic("county", "demo")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("id=\"policy-form\"").contains("name=\"base.COUNTY_SUBCENTRE.MODEL\"")
                .contains("value=\"MET:W_FLAG\"");
        var form = post("/evaluation/" + YEAR + "/funding/policy-form").with(httpBasic("county", "demo")).with(csrf())
                .param("pool", "2,500,000").param("cap", "").param("assumed", "on")
                .param("base.COUNTY_SUBCENTRE.BASELINE", "1200000").param("base.COUNTY_SUBCENTRE.MODEL", "2000000")
                .param("rewardCode", "R1", "R2", "R3", "").param("rewardName", "客厅建成", "样板", "满意度高", "")
                .param("rewardTrigger", "MET:W_FLAG", "TIER=MODEL", "SATISFACTION>=90", "")
                .param("rewardAmount", "300000", "500000", "100000", "")
                .param("townCode", "330182109", "").param("townBase", "", "").param("townExtra", "400000", "")
                .param("townCap", "", "").param("townNote", "一镇一策", "");
        mvc.perform(form).andExpect(status().is3xxRedirection());
        mvc.perform(get("/api/funding/" + YEAR + "/policy").with(httpBasic("county", "demo")))
                .andExpect(jsonPath("$.pool").value(2_500_000)).andExpect(jsonPath("$.townCap").doesNotExist())
                .andExpect(jsonPath("$.bases.length()").value(2)).andExpect(jsonPath("$.rewards.length()").value(3))
                .andExpect(jsonPath("$.rewards[2].trigger").value("SATISFACTION>=90"))
                .andExpect(jsonPath("$.towns[0].extra").value(400_000));

        // an unknown trigger, or an amount that is not a number: the page says why, nothing changes
        mvc.perform(post("/evaluation/" + YEAR + "/funding/policy-form").with(httpBasic("county", "demo")).with(csrf())
                        .param("pool", "9000000").param("base.COUNTY_SUBCENTRE.BASELINE", "1")
                        .param("rewardCode", "R9").param("rewardName", "金牌").param("rewardTrigger", "TIER=GOLD")
                        .param("rewardAmount", "1"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(Matchers.containsString("id=\"policy-error\"")))
                .andExpect(content().string(Matchers.containsString("value=\"TIER=GOLD\"")));
        mvc.perform(post("/evaluation/" + YEAR + "/funding/policy-form").with(httpBasic("county", "demo")).with(csrf())
                        .param("pool", "很多"))
                .andExpect(status().isUnprocessableContent());
        mvc.perform(post("/evaluation/" + YEAR + "/funding/policy-form").with(httpBasic("shouchang", "demo")).with(csrf())
                        .param("pool", "1"))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/funding/" + YEAR + "/policy").with(httpBasic("county", "demo")))
                .andExpect(jsonPath("$.pool").value(2_500_000)).andExpect(jsonPath("$.rewards.length()").value(3));
    }

    @Test
    @Order(8)
    void theSurveyTakesOneAnswerPerIssuedCodeAndClosesOnceAccepted() throws Exception {
        String page = mvc.perform(post("/evaluation/" + YEAR + "/survey-codes").with(httpBasic("county", "demo")).with(csrf())
                        .param("town", "330182104").param("count", "2"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        List<String> codes = java.util.regex.Pattern.compile("[0-9A-Z]{5}-[0-9A-Z]{5}").matcher(page).results()
                .map(java.util.regex.MatchResult::group).distinct().toList();
        assertThat(codes).hasSize(2);
        mvc.perform(post("/evaluation/" + YEAR + "/survey-codes").with(httpBasic("meicheng", "demo")).with(csrf())
                .param("town", "330182104").param("count", "2")).andExpect(status().isForbidden());
        mvc.perform(post("/survey/" + YEAR + "/330182104").param("code", codes.get(0)).param("q1", "1").with(csrf()))
                .andExpect(status().isOk()).andExpect(content().string(Matchers.containsString("thanks")));
        mvc.perform(post("/survey/" + YEAR + "/330182104").param("code", codes.get(0).toLowerCase()).param("q1", "4").with(csrf()))
                .andExpect(status().isConflict());
        mvc.perform(post("/survey/" + YEAR + "/330182104").param("q1", "1").with(csrf()))
                .andExpect(status().isUnprocessableContent());
        mvc.perform(post("/survey/" + YEAR + "/330182104").param("code", "ZZZZZ-ZZZZZ").param("q1", "1").with(csrf()))
                .andExpect(status().isUnprocessableContent());
        mvc.perform(post("/survey/" + YEAR + "/330182104").param("code", codes.get(1)).param("q1", "9").with(csrf()))
                .andExpect(status().isUnprocessableContent());
        mvc.perform(post("/survey/" + YEAR + "/" + SHOUCHANG).param("code", codes.get(1)).param("q1", "1").with(csrf()))
                .andExpect(status().isConflict()).andExpect(content().string(Matchers.containsString("id=\"closed\"")));
        mvc.perform(get("/survey/" + YEAR + "/330182104").param("c", codes.get(0))).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("id=\"already\"")));
        JsonNode card = json.readTree(mvc.perform(get("/api/evaluation/" + YEAR + "/towns/330182104").with(httpBasic("county", "demo")))
                .andReturn().getResponse().getContentAsString());
        assertThat(card.get("result").get("satisfaction").asDouble()).isEqualTo(100);
        assertThat(card.get("surveyResponses").asInt()).isEqualTo(1);
    }
}
