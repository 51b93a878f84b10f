package org.townbrain.projects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.townbrain.support.IntegrationTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** The projects JSON API on the real application: the stats contract, scope, optimistic locking and bad input. */
@IntegrationTest
@RecordApplicationEvents
class ProjectsApiTests {

    static final String MEICHENG = "330182104";
    static final String SHOUCHANG = "330182109";

    @Autowired
    MockMvc mvc;

    @Autowired
    ObjectMapper json;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationEvents events;

    @Autowired
    ProjectFindings findings;

    @Test
    void demoCountyReproducesTheSourceDocumentsFiguresFor2020() throws Exception {
        mvc.perform(as("county", get("/api/projects/stats?from=2020-01-01&to=2020-12-31")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.expertVisits").value(org.hamcrest.Matchers.greaterThanOrEqualTo(120)))
                .andExpect(jsonPath("$.qualityChecks").value(org.hamcrest.Matchers.greaterThanOrEqualTo(10)))
                .andExpect(jsonPath("$.problemsRectified").value(org.hamcrest.Matchers.greaterThanOrEqualTo(370)))
                .andExpect(jsonPath("$.problemsFound").value(org.hamcrest.Matchers.greaterThanOrEqualTo(370)))
                .andExpect(jsonPath("$.coverage").value(1.0))
                .andExpect(jsonPath("$.seminars").value(org.hamcrest.Matchers.greaterThanOrEqualTo(30)))
                .andExpect(jsonPath("$.reviewRounds").value(5))
                .andExpect(jsonPath("$.investmentPlanned").isNumber())
                .andExpect(jsonPath("$.investmentActual").isNumber());
    }

    @Test
    void aTownUserGetsTheirTownsFiguresAndNoOtherTowns() throws Exception {
        JsonNode own = read(mvc.perform(as("meicheng", get("/api/projects/stats?from=2020-01-01&to=2020-12-31")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        JsonNode asCounty = read(mvc.perform(as("county", get("/api/projects/stats?from=2020-01-01&to=2020-12-31&town=" + MEICHENG)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        assertThat(own).isEqualTo(asCounty);
        assertThat(own.get("qualityChecks").asLong()).isPositive();
        assertThat(own.get("coverage").asDouble()).isEqualTo(1.0);
        mvc.perform(as("meicheng", get("/api/projects/stats?from=2020-01-01&to=2020-12-31&town=" + SHOUCHANG)))
                .andExpect(status().isNotFound());
        mvc.perform(as("county", get("/api/projects/stats?from=2020-12-31&to=2020-01-01"))).andExpect(status().isBadRequest());
    }

    @Test
    void perTownFiguresAddUpToTheCountys() throws Exception {
        JsonNode county = read(mvc.perform(as("county", get("/api/projects/stats?from=2020-01-01&to=2020-12-31")))
                .andReturn().getResponse().getContentAsString());
        JsonNode towns = read(mvc.perform(as("county", get("/api/projects/stats/towns?from=2020-01-01&to=2020-12-31")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        assertThat(towns.size()).isEqualTo(16);
        for (String figure : new String[] {"expertVisits", "qualityChecks", "problemsFound", "problemsRectified", "seminars",
                "reviewRounds"}) {
            assertThat(towns.valueStream().mapToLong(t -> t.get(figure).asLong()).sum()).as(figure)
                    .isEqualTo(county.get(figure).asLong());
        }
        assertThat(towns.valueStream().mapToDouble(t -> t.get("investmentPlanned").asDouble()).sum())
                .isCloseTo(county.get("investmentPlanned").asDouble(), org.assertj.core.data.Offset.offset(1.0));
        assertThat(towns.get(MEICHENG).get("coverage").asDouble()).isEqualTo(1.0);
        assertThat(towns.get("330182001").get("coverage").asDouble()).as("not in the programme").isZero();
    }

    @Test
    void aMilestoneIsMarkedDoneButNotBeforeTheStart() throws Exception {
        long id = create("meicheng", project("里程碑测试", "[\"" + MEICHENG + "\"]", "100000"));
        long milestone = read(mvc.perform(as("meicheng", post("/api/projects/" + id + "/milestones")
                .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"开工\",\"dueDate\":\"2024-02-01\"}")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString()).get("id").asLong();
        mvc.perform(as("meicheng", put("/api/projects/" + id + "/milestones/" + milestone + "/done?doneDate=2023-01-01")))
                .andExpect(status().isUnprocessableContent());
        mvc.perform(as("meicheng", put("/api/projects/" + id + "/milestones/" + milestone + "/done?doneDate=2024-02-03")))
                .andExpect(status().isNoContent());
        mvc.perform(as("meicheng", get("/api/projects/" + id + "/milestones")))
                .andExpect(jsonPath("$[0].doneDate").value("2024-02-03"));
    }

    @Test
    void aTownUserSeesOnlyProjectsTouchingTheirTown() throws Exception {
        long shouchangOnly = create("county", project("寿昌测试项目", "[\"" + SHOUCHANG + "\"]", "1000000"));
        long shared = create("county", project("片区测试项目", "[\"" + SHOUCHANG + "\",\"" + MEICHENG + "\"]", "2000000"));

        String list = mvc.perform(as("meicheng", get("/api/projects"))).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
        JsonNode projects = read(list);
        assertThat(projects.valueStream().map(p -> p.get("id").asLong())).contains(shared).doesNotContain(shouchangOnly);
        assertThat(projects.valueStream().allMatch(p -> p.get("townCodes").toString().contains(MEICHENG))).isTrue();
        mvc.perform(as("meicheng", get("/api/projects/" + shouchangOnly))).andExpect(status().isNotFound());
        mvc.perform(as("meicheng", get("/api/projects/" + shared))).andExpect(status().isOk());
        // seeing a cluster project is not enough to change it: that needs every one of its towns
        mvc.perform(as("meicheng", put("/api/projects/" + shared).contentType(MediaType.APPLICATION_JSON)
                .content("{\"version\":0,\"status\":\"UNDER_CONSTRUCTION\",\"budget\":2000000,\"endDate\":\"2025-12-31\"}")))
                .andExpect(status().isNotFound());
        mvc.perform(as("meicheng", post("/api/projects").contentType(MediaType.APPLICATION_JSON)
                .content(project("越权项目", "[\"" + SHOUCHANG + "\"]", "100")))).andExpect(status().isNotFound());
    }

    @Test
    void aStaleVersionIsAConflict() throws Exception {
        long id = create("meicheng", project("乐观锁测试", "[\"" + MEICHENG + "\"]", "5000000"));
        String change = "{\"version\":0,\"status\":\"UNDER_CONSTRUCTION\",\"budget\":5000000,\"endDate\":\"2025-12-31\"}";
        mvc.perform(as("meicheng", put("/api/projects/" + id).contentType(MediaType.APPLICATION_JSON).content(change)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.version").value(1));
        mvc.perform(as("meicheng", put("/api/projects/" + id).contentType(MediaType.APPLICATION_JSON).content(change)))
                .andExpect(status().isConflict());
        mvc.perform(as("meicheng", put("/api/projects/" + id + "/investment").contentType(MediaType.APPLICATION_JSON)
                .content("{\"version\":0,\"month\":\"2024-03\",\"planned\":100,\"actual\":50}")))
                .andExpect(status().isConflict());
        mvc.perform(as("meicheng", put("/api/projects/" + id + "/investment").contentType(MediaType.APPLICATION_JSON)
                .content("{\"version\":1,\"month\":\"2024-03\",\"planned\":100,\"actual\":50}")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.plannedTotal").value(100));
    }

    @Test
    void theDetailsCanBeCorrectedOnceAndNeverBeforeWhatIsAlreadyRecorded() throws Exception {
        long id = create("meicheng", project("错别字项目", "[\"" + MEICHENG + "\"]", "5000000"));
        mvc.perform(as("meicheng", put("/api/projects/" + id + "/investment").contentType(MediaType.APPLICATION_JSON)
                .content("{\"version\":0,\"month\":\"2024-03\",\"planned\":100,\"actual\":50}"))).andExpect(status().isOk());
        String details = """
                {"version":%d,"name":"%s","dimension":"CULTURE","category":"文化设施","startDate":"%s","longitude":119.48,"latitude":29.56}""";
        mvc.perform(as("meicheng", put("/api/projects/" + id + "/details").contentType(MediaType.APPLICATION_JSON)
                        .content(details.formatted(1, "梅城古城文化街区改造", "2024-02-01"))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value("梅城古城文化街区改造"))
                .andExpect(jsonPath("$.dimension").value("CULTURE"))
                .andExpect(jsonPath("$.townCodes[0]").value(MEICHENG))
                .andExpect(jsonPath("$.version").value(2));
        // a second editor with the version they read: 409, the first edit stands
        mvc.perform(as("meicheng", put("/api/projects/" + id + "/details").contentType(MediaType.APPLICATION_JSON)
                        .content(details.formatted(1, "别人的改法", "2024-02-01"))))
                .andExpect(status().isConflict());
        // investment is recorded from March 2024: the start cannot move after it
        mvc.perform(as("meicheng", put("/api/projects/" + id + "/details").contentType(MediaType.APPLICATION_JSON)
                        .content(details.formatted(2, "梅城古城文化街区改造", "2024-05-01"))))
                .andExpect(status().isUnprocessableContent());
        mvc.perform(as("meicheng", put("/api/projects/" + id + "/details").contentType(MediaType.APPLICATION_JSON)
                        .content(details.formatted(2, " ", "2024-02-01"))))
                .andExpect(status().isBadRequest());
        mvc.perform(as("shouchang", put("/api/projects/" + id + "/details").contentType(MediaType.APPLICATION_JSON)
                        .content(details.formatted(2, "越权", "2024-02-01"))))
                .andExpect(status().isNotFound());
        mvc.perform(as("meicheng", get("/api/projects/" + id)))
                .andExpect(jsonPath("$.name").value("梅城古城文化街区改造")).andExpect(jsonPath("$.startDate").value("2024-02-01"))
                .andExpect(jsonPath("$.version").value(2));
    }

    /** A project entered under the wrong town is moved, by someone whose reach covers both towns. */
    @Test
    void theTownsOfAProjectCanBeCorrectedWithinTheEditorsReach() throws Exception {
        long id = create("meicheng", project("录错镇街的项目", "[\"" + MEICHENG + "\"]", "800000"));
        String details = """
                {"version":%d,"name":"录错镇街的项目","dimension":"LIVING","category":"测试","startDate":"2024-01-01",
                 "townCodes":%s}""";
        // a town staff member cannot hand a project to another town, and nothing changes
        mvc.perform(as("meicheng", put("/api/projects/" + id + "/details").contentType(MediaType.APPLICATION_JSON)
                        .content(details.formatted(0, "[\"" + MEICHENG + "\",\"" + SHOUCHANG + "\"]"))))
                .andExpect(status().isNotFound());
        mvc.perform(as("county", put("/api/projects/" + id + "/details").contentType(MediaType.APPLICATION_JSON)
                        .content(details.formatted(0, "[]"))))
                .andExpect(status().isUnprocessableContent()).andExpect(jsonPath("$.field").value("townCodes"));
        mvc.perform(as("county", put("/api/projects/" + id + "/details").contentType(MediaType.APPLICATION_JSON)
                        .content(details.formatted(0, "[\"330182999\"]"))))
                .andExpect(status().isUnprocessableContent()).andExpect(jsonPath("$.field").value("townCodes"));
        mvc.perform(as("county", put("/api/projects/" + id + "/details").contentType(MediaType.APPLICATION_JSON)
                        .content(details.formatted(0, "[\"" + SHOUCHANG + "\"]"))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.townCodes.length()").value(1))
                .andExpect(jsonPath("$.townCodes[0]").value(SHOUCHANG))
                .andExpect(jsonPath("$.version").value(1));
        mvc.perform(as("meicheng", get("/api/projects/" + id))).andExpect(status().isNotFound());
        mvc.perform(as("shouchang", get("/api/projects/" + id))).andExpect(status().isOk());
        // without townCodes the towns stay
        mvc.perform(as("shouchang", put("/api/projects/" + id + "/details").contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"version":1,"name":"寿昌的项目","dimension":"LIVING","category":"测试","startDate":"2024-01-01"}""")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.townCodes[0]").value(SHOUCHANG));
    }

    @Test
    void badInputIsRefusedAndNothingIsWritten() throws Exception {
        int before = count();
        mvc.perform(as("county", post("/api/projects").contentType(MediaType.APPLICATION_JSON)
                .content(project("负预算", "[\"" + MEICHENG + "\"]", "-1")))).andExpect(status().isBadRequest());
        mvc.perform(as("county", post("/api/projects").contentType(MediaType.APPLICATION_JSON)
                .content(project("未知镇", "[\"330182999\"]", "100")))).andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.field").value("townCodes"));
        mvc.perform(as("county", post("/api/projects").contentType(MediaType.APPLICATION_JSON).content("""
                {"name":"日期颠倒","dimension":"LIVING","category":"测试","budget":100,"startDate":"2024-05-01",
                 "endDate":"2024-01-01","townCodes":["330182104"]}""")))
                .andExpect(status().isUnprocessableContent()).andExpect(jsonPath("$.field").value("endDate"));
        mvc.perform(as("county", post("/api/projects").contentType(MediaType.APPLICATION_JSON).content("""
                {"name":"未知企业","dimension":"LIVING","category":"测试","budget":100,"startDate":"2024-01-01",
                 "endDate":"2024-12-31","townCodes":["330182104"],"constructionFirmId":987654321}""")))
                .andExpect(status().isUnprocessableContent()).andExpect(jsonPath("$.field").value("constructionFirmId"));
        assertThat(count()).isEqualTo(before);

        long id = create("county", project("超预算", "[\"" + MEICHENG + "\"]", "1000"));
        mvc.perform(as("county", put("/api/projects/" + id + "/investment").contentType(MediaType.APPLICATION_JSON)
                .content("{\"version\":0,\"month\":\"2024-02\",\"planned\":5000,\"actual\":0}")))
                .andExpect(status().isUnprocessableContent());
        mvc.perform(as("county", put("/api/projects/" + id + "/investment").contentType(MediaType.APPLICATION_JSON)
                .content("{\"version\":0,\"month\":\"2024-02\",\"planned\":-5,\"actual\":0}")))
                .andExpect(status().isBadRequest());
        mvc.perform(as("county", get("/api/projects/" + id))).andExpect(jsonPath("$.version").value(0))
                .andExpect(jsonPath("$.plannedTotal").value(0));

        mvc.perform(as("county", post("/api/projects/enterprises").contentType(MediaType.APPLICATION_JSON)
                .content("{\"uscc\":\"91330100799655058A\",\"name\":\"校验码错误\",\"kind\":\"CONSTRUCTION\"}")))
                .andExpect(status().isUnprocessableContent()).andExpect(jsonPath("$.field").value("uscc"));
        mvc.perform(as("county", post("/api/projects/assessments").contentType(MediaType.APPLICATION_JSON)
                .content("{\"enterpriseId\":987654321,\"projectId\":" + id + ",\"inspectedOn\":\"2024-03-01\","
                        + "\"quality\":80,\"progress\":80,\"civilised\":80}")))
                .andExpect(status().isUnprocessableContent());
        mvc.perform(as("county", post("/api/projects/review-rounds").contentType(MediaType.APPLICATION_JSON).content("""
                {"scheme":"测试方案","townCode":"330182104","heldOn":"2023-05-01","reviewers":"甲","comments":"改",
                 "decision":"REVISE","nextRoundOn":"2023-04-01"}""")))
                .andExpect(status().isUnprocessableContent()).andExpect(jsonPath("$.field").value("nextRoundOn"));
    }

    @Test
    void aCheckRecordsFindingsThatCanBeMarkedRectified() throws Exception {
        String body = mvc.perform(as("inspector", post("/api/projects/checks").contentType(MediaType.APPLICATION_JSON).content("""
                {"kind":"SAFETY","title":"测试检查","townCode":"330182109","checkedOn":"2023-06-01","inspectors":"督查员",
                 "checklist":[{"item":"临边防护","passed":false}],
                 "findings":[{"description":"临边防护缺失","longitude":119.2,"latitude":29.4},{"description":"围挡破损"}]}""")))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        JsonNode recorded = read(body);
        long finding = recorded.get("findingIds").get(0).asLong();
        JsonNode before = read(mvc.perform(as("county", get("/api/projects/stats?from=2023-06-01&to=2023-06-01&town=" + SHOUCHANG)))
                .andReturn().getResponse().getContentAsString());
        mvc.perform(as("inspector", post("/api/projects/findings/" + finding + "/rectified"))).andExpect(status().isNoContent());
        JsonNode after = read(mvc.perform(as("county", get("/api/projects/stats?from=2023-06-01&to=2023-06-01&town=" + SHOUCHANG)))
                .andReturn().getResponse().getContentAsString());
        assertThat(after.get("problemsRectified").asLong()).isEqualTo(before.get("problemsRectified").asLong() + 1);
        assertThat(after.get("problemsFound").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(events.stream(org.townbrain.cases.CaseRequested.class)
                .filter(e -> (FindingRectification.REF_PREFIX + finding).equals(e.externalRef())))
                .singleElement().satisfies(e -> {
                    assertThat(e.townCode()).isEqualTo(SHOUCHANG);
                    assertThat(e.reason()).isEqualTo(org.townbrain.cases.CaseRequested.Reason.CONSTRUCTION_QUALITY);
                    assertThat(e.longitude()).isEqualTo(119.2);
                    assertThat(e.description()).isEqualTo("临边防护缺失");
                });
        mvc.perform(as("meicheng", post("/api/projects/checks").contentType(MediaType.APPLICATION_JSON).content("""
                {"kind":"SAFETY","title":"无权","townCode":"330182104","checkedOn":"2023-06-01","inspectors":"x"}""")))
                .andExpect(status().isForbidden());
    }

    @Test
    void firmsAreRankedByTheirWeightedRating() throws Exception {
        mvc.perform(as("county", get("/api/projects/enterprises/ranking"))).andExpect(status().isOk())
                .andExpect(jsonPath("$[0].rank").value(1))
                .andExpect(jsonPath("$[?(@.watched == true)]").isNotEmpty());
    }

    @Test
    void photosAreCheckedAndReencodedWithoutMetadata() throws Exception {
        long id = create("meicheng", project("照片测试", "[\"" + MEICHENG + "\"]", "100000"));
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(40, 30, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.io.ByteArrayOutputStream jpeg = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(image, "jpeg", jpeg);
        byte[] withComment = withJpegComment(jpeg.toByteArray(), "GPS 119.123,29.456 secret");
        mvc.perform(multipart("/api/projects/" + id + "/photos")
                .file(new MockMultipartFile("photo", "site.jpg", "image/jpeg", withComment)).with(httpBasic("meicheng", "demo")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.id").isNumber());
        mvc.perform(multipart("/api/projects/" + id + "/photos")
                .file(new MockMultipartFile("photo", "fake.jpg", "image/jpeg", "not an image".getBytes())).with(httpBasic("meicheng", "demo")))
                .andExpect(status().isUnprocessableContent());
        String list = mvc.perform(as("meicheng", get("/api/projects/" + id + "/photos"))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        JsonNode photos = read(list);
        assertThat(photos.size()).isEqualTo(1);
        assertThat(photos.get(0).get("width").asInt()).isEqualTo(40);
        byte[] stored = mvc.perform(get("/projects/" + id + "/photos/" + photos.get(0).get("id").asLong())
                .with(httpBasic("meicheng", "demo"))).andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("secret");
        assertThat(javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(stored)).getWidth()).isEqualTo(40);
        mvc.perform(get("/projects/" + id + "/photos/" + photos.get(0).get("id").asLong())
                .with(httpBasic("shouchang", "demo"))).andExpect(status().isNotFound());
    }

    /** Puts a COM segment (where cameras and tools leave text) right after the JPEG's start marker. */
    private static byte[] withJpegComment(byte[] jpeg, String comment) {
        byte[] text = comment.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        int length = text.length + 2;
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        out.write(0xFF);
        out.write(0xFE);
        out.write(length >> 8);
        out.write(length & 0xFF);
        out.write(text, 0, text.length);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    private long create(String user, String body) throws Exception {
        String answer = mvc.perform(as(user, post("/api/projects").contentType(MediaType.APPLICATION_JSON).content(body)))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return read(answer).get("id").asLong();
    }

    private static String project(String name, String towns, String budget) {
        return """
                {"name":"%s","dimension":"ENVIRONMENT","category":"测试","budget":%s,"startDate":"2024-01-01",
                 "endDate":"2025-12-31","townCodes":%s,"longitude":119.3,"latitude":29.5}""".formatted(name, budget, towns);
    }

    private int count() {
        return jdbc.sql("select count(*) from projects_project").query(Integer.class).single();
    }

    private JsonNode read(String body) {
        return json.readTree(body);
    }

    @Test
    void aFindingIsRectifiedWhenItsCaseClosesAsFixed() throws Exception {
        String body = mvc.perform(as("inspector", post("/api/projects/checks").contentType(MediaType.APPLICATION_JSON).content("""
                {"kind":"QUALITY","title":"闭环测试","townCode":"330182109","checkedOn":"2026-11-02","inspectors":"督查员",
                 "checklist":[{"item":"钢筋保护层","passed":false}],
                 "findings":[{"description":"钢筋保护层厚度不足","longitude":119.2,"latitude":29.4}]}""")))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        long finding = read(body).get("findingIds").get(0).asLong();
        String ref = "projects-finding:" + finding;
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> jdbc.sql(
                "select count(*) from cases_case where external_ref = :r").param("r", ref).query(Integer.class).single() == 1);
        long caseId = jdbc.sql("select id from cases_case where external_ref = :r").param("r", ref).query(Long.class).single();
        assertThat(findings.isRectified(finding)).isFalse();

        int version = act("county", caseId, "accept", 0);
        version = act("county", caseId, "dispatch", version);
        version = act("shouchang", caseId, "start", version);
        version = act("shouchang", caseId, "report-back", version);
        mvc.perform(as("inspector", post("/api/cases/" + caseId + "/verify-pass").contentType(MediaType.APPLICATION_JSON)
                .content("{\"version\":" + version + ",\"closingReason\":\"FIXED\"}"))).andExpect(status().isOk());

        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> findings.isRectified(finding));
    }

    private int act(String user, long caseId, String action, int version) throws Exception {
        String answer = mvc.perform(as(user, post("/api/cases/" + caseId + "/" + action).contentType(MediaType.APPLICATION_JSON)
                .content("{\"version\":" + version + ",\"note\":\"闭环测试\"}"))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        return read(answer).get("version").asInt();
    }

    private static MockHttpServletRequestBuilder as(String user, MockHttpServletRequestBuilder request) {
        return request.with(httpBasic(user, "demo")).accept(MediaType.APPLICATION_JSON);
    }
}
