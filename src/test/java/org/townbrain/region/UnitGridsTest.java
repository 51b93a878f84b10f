package org.townbrain.region;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.townbrain.support.IntegrationTest;
import tools.jackson.databind.ObjectMapper;

/**
 * Unit grids (单元网格) as the county imports them (GeoJSON, KML), checked (self-intersection,
 * overlap, county outline, code), and cases landing in the grid that holds their position.
 */
@IntegrationTest
class UnitGridsTest {

    static final MediaType GEO_JSON = MediaType.parseMediaType("application/geo+json");
    /** 白沙社区, 新安江街道: seat 29.466080, 119.278431 (no demo grid there). */
    static final String BAISHA = "330182001020";
    static final String BAISHA_GRID = BAISHA + "901";

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ObjectMapper json;

    @Autowired
    GridIndex index;

    @AfterEach
    void removeTheTestGrids() {
        jdbc.sql("delete from region_grid where code like '%9__' and demo = false").update();
        index.changed();
    }

    static String feature(String code, String village, String name, String ring, String extra) {
        return """
                {"type":"Feature","properties":{"code":"%s","name":"%s","villageCode":"%s"%s},
                 "geometry":{"type":"Polygon","coordinates":[%s]}}""".formatted(code, name, village, extra, ring);
    }

    static String collection(String... features) {
        return "{\"type\":\"FeatureCollection\",\"features\":[" + String.join(",", features) + "]}";
    }

    static final String BAISHA_SQUARE = "[[119.2770,29.4650],[119.2800,29.4650],[119.2800,29.4670],[119.2770,29.4670],[119.2770,29.4650]]";

    @Test
    void theDemoCountyHasLabelledDemoGridsWithTheirWorkers() throws Exception {
        mvc.perform(get("/api/regions/grids").param("town", "330182104").with(httpBasic("grid.meicheng", "demo")))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(GEO_JSON))
                .andExpect(jsonPath("$.type").value("FeatureCollection"))
                .andExpect(jsonPath("$.features", hasSize(4)))
                .andExpect(jsonPath("$.features[*].properties.demo", not(hasItem(false))))
                .andExpect(jsonPath("$.features[?(@.properties.code == '330182104013001')].properties.workers[0]")
                        .value("grid.meicheng"))
                .andExpect(jsonPath("$.features[0].geometry.type").value("Polygon"));
    }

    @Test
    void anImportAddsGoodGridsAndRejectsEachBadOneWithItsReason() throws Exception {
        String body = collection(
                feature(BAISHA_GRID, BAISHA, "白沙一网格", BAISHA_SQUARE, ",\"workers\":[\"grid.meicheng\"]"),
                // a bow tie: its edges cross
                feature(BAISHA + "902", BAISHA, "白沙二网格",
                        "[[119.2810,29.4650],[119.2830,29.4670],[119.2830,29.4650],[119.2810,29.4670],[119.2810,29.4650]]", ""),
                // half over the first one
                feature(BAISHA + "903", BAISHA, "白沙三网格",
                        "[[119.2790,29.4655],[119.2810,29.4655],[119.2810,29.4665],[119.2790,29.4665],[119.2790,29.4655]]", ""),
                // 杭州 city centre: in China, not in Jiande
                feature(BAISHA + "904", BAISHA, "白沙四网格",
                        "[[120.150,30.270],[120.152,30.270],[120.152,30.272],[120.150,30.272],[120.150,30.270]]", ""),
                // a code that is not the village's
                feature("330182104013999", BAISHA, "白沙五网格",
                        "[[119.2700,29.4600],[119.2710,29.4600],[119.2710,29.4610],[119.2700,29.4610],[119.2700,29.4600]]", ""));
        mvc.perform(post("/api/regions/grids").with(httpBasic("county", "demo")).contentType(GEO_JSON).content(body))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.added", containsInAnyOrder(BAISHA_GRID)))
                .andExpect(jsonPath("$.rejected", hasSize(4)))
                .andExpect(jsonPath("$.rejected[?(@.code == '330182001020902')].reason").value(hasItem(containsString("自相交"))))
                .andExpect(jsonPath("$.rejected[?(@.code == '330182001020903')].reason")
                        .value(hasItem(containsString("overlaps grid " + BAISHA_GRID))))
                .andExpect(jsonPath("$.rejected[?(@.code == '330182001020904')].reason")
                        .value(hasItem(containsString("outside the county"))))
                .andExpect(jsonPath("$.rejected[?(@.code == '330182104013999')].reason")
                        .value(hasItem(containsString("must start with the villageCode"))));
        assertThat(jdbc.sql("select count(*) from region_grid where code like :p").param("p", BAISHA + "9%")
                .query(Integer.class).single()).as("rejected grids write nothing").isEqualTo(1);
        mvc.perform(get("/api/regions/grids").param("town", "330182001").with(httpBasic("county", "demo")))
                .andExpect(jsonPath("$.features[?(@.properties.code == '330182001020901')].properties.townCode")
                        .value(hasItem("330182001")));

        // the same file again: the good grid is unchanged, and nothing new could be taken from the bad ones
        mvc.perform(post("/api/regions/grids").with(httpBasic("county", "demo")).contentType(GEO_JSON)
                        .content(collection(feature(BAISHA + "903", BAISHA, "白沙三网格",
                                "[[119.2790,29.4655],[119.2810,29.4655],[119.2810,29.4665],[119.2790,29.4665],[119.2790,29.4655]]", ""))))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.rejected[0].reason").value(containsString("overlaps")));
        mvc.perform(post("/api/regions/grids").with(httpBasic("county", "demo")).contentType(GEO_JSON).content("{not json"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void twoOverlappingGridsImportedAtOnceOneIsAddedAndTheOtherRejected() throws Exception {
        String[] bodies = {
            collection(feature(BAISHA_GRID, BAISHA, "白沙一网格", BAISHA_SQUARE, "")),
            collection(feature(BAISHA + "905", BAISHA, "白沙五网格",
                    "[[119.2790,29.4655],[119.2810,29.4655],[119.2810,29.4665],[119.2790,29.4665],[119.2790,29.4655]]", ""))};
        java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(2);
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(2)) {
            var answers = java.util.stream.Stream.of(bodies).map(body -> pool.submit(() -> {
                together.await();
                return mvc.perform(post("/api/regions/grids").with(httpBasic("county", "demo")).contentType(GEO_JSON).content(body))
                        .andReturn().getResponse().getStatus();
            })).toList();
            java.util.List<Integer> statuses = new java.util.ArrayList<>();
            for (var answer : answers) {
                statuses.add(answer.get());
            }
            assertThat(statuses).containsExactlyInAnyOrder(200, 422);
        }
        assertThat(jdbc.sql("select count(*) from region_grid where code like :p").param("p", BAISHA + "9%")
                .query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void onlyTheCountyAdminImports() throws Exception {
        mvc.perform(post("/api/regions/grids").with(httpBasic("meicheng", "demo")).contentType(GEO_JSON)
                        .content(collection(feature(BAISHA_GRID, BAISHA, "白沙一网格", BAISHA_SQUARE, ""))))
                .andExpect(status().isForbidden());
        assertThat(jdbc.sql("select count(*) from region_grid where code = :c").param("c", BAISHA_GRID)
                .query(Integer.class).single()).isZero();
    }

    @Test
    void kmlFromAMappingToolIsImported() throws Exception {
        String kml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <kml xmlns="http://www.opengis.net/kml/2.2"><Document><Placemark>
                  <name>府东一网格</name>
                  <ExtendedData><Data name="code"><value>330182001024901</value></Data>
                    <Data name="villageCode"><value>330182001024</value></Data></ExtendedData>
                  <Polygon><outerBoundaryIs><LinearRing><coordinates>
                    119.2765,29.4790,0 119.2785,29.4790,0 119.2785,29.4805,0 119.2765,29.4805,0 119.2765,29.4790,0
                  </coordinates></LinearRing></outerBoundaryIs></Polygon>
                </Placemark></Document></kml>""";
        mvc.perform(post("/api/regions/grids").with(httpBasic("county", "demo"))
                        .contentType("application/vnd.google-earth.kml+xml").content(kml))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.added[0]").value("330182001024901"));
        mvc.perform(post("/api/regions/grids").with(httpBasic("county", "demo"))
                        .contentType("application/vnd.google-earth.kml+xml").content("<kml><Document>"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void aRedrawFromAStaleVersionIsAConflict() throws Exception {
        mvc.perform(post("/api/regions/grids").with(httpBasic("county", "demo")).contentType(GEO_JSON)
                        .content(collection(feature(BAISHA_GRID, BAISHA, "白沙一网格", BAISHA_SQUARE, ""))))
                .andExpect(status().isOk());
        String wider = "[[119.2765,29.4650],[119.2800,29.4650],[119.2800,29.4670],[119.2765,29.4670],[119.2765,29.4650]]";
        mvc.perform(put("/api/regions/grids/" + BAISHA_GRID).with(httpBasic("county", "demo")).contentType(GEO_JSON)
                        .content(feature(BAISHA_GRID, BAISHA, "白沙一网格", wider, ",\"version\":0")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.properties.version").value(1))
                .andExpect(jsonPath("$.geometry.coordinates[0][0][0]").value(119.2765));
        // a second editor still holding version 0
        mvc.perform(put("/api/regions/grids/" + BAISHA_GRID).with(httpBasic("county", "demo")).contentType(GEO_JSON)
                        .content(feature(BAISHA_GRID, BAISHA, "白沙一网格", BAISHA_SQUARE, ",\"version\":0")))
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        // a self-intersecting redraw is refused with a reason, not stored
        mvc.perform(put("/api/regions/grids/" + BAISHA_GRID).with(httpBasic("county", "demo")).contentType(GEO_JSON)
                        .content(feature(BAISHA_GRID, BAISHA, "白沙一网格",
                                "[[119.2770,29.4650],[119.2800,29.4670],[119.2800,29.4650],[119.2770,29.4670],[119.2770,29.4650]]",
                                ",\"version\":1")))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.detail").value(containsString("自相交")));
    }

    @Test
    void anOpen311RequestInsideAGridShowsTheGridAndTakesItsTownAndVillage() throws Exception {
        mvc.perform(post("/api/regions/grids").with(httpBasic("county", "demo")).contentType(GEO_JSON)
                        .content(collection(feature(BAISHA_GRID, BAISHA, "白沙一网格", BAISHA_SQUARE, ""))))
                .andExpect(status().isOk());
        String answer = mvc.perform(post("/open311/v2/requests.json")
                        .param("api_key", "jiande-demo-open311-key").param("service_code", "E0102")
                        .param("lat", "29.4660").param("long", "119.2785")
                        .param("description", "白沙网格内 " + UUID.randomUUID()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        String ref = json.readTree(answer).get(0).get("service_request_id").asString();
        long id = jdbc.sql("select id from cases_case where ref = :r").param("r", ref).query(Long.class).single();
        mvc.perform(get("/api/cases/" + id).with(httpBasic("county", "demo")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.grid").value(BAISHA_GRID))
                .andExpect(jsonPath("$.townCode").value("330182001"))
                .andExpect(jsonPath("$.villageCode").value(BAISHA));
        mvc.perform(get("/cases/" + id).with(httpBasic("county", "demo")))
                .andExpect(content().string(containsString("白沙一网格")));
    }

    @Test
    void theGridWorkerSeesHisGridsCasesAndAPointOutsideEveryGridStillGoesByTheNearestSeat() throws Exception {
        // inside the demo grid 梅花社区西网格 (330182104013001), worked by grid.meicheng
        long inside = report("grid.meicheng", 119.4962, 29.5435);
        // the 梅城 town seat: outside every grid; the nearest seat (梅花社区) decides
        long outside = report("county", 119.4991, 29.5437);
        assertThat(jdbc.sql("select coalesce(grid_code, '-') || ' ' || village_code from cases_case where id = :id")
                .param("id", outside).query(String.class).single()).isEqualTo("- 330182104013");
        mvc.perform(get("/api/cases").param("grid", "mine").param("limit", "500").with(httpBasic("grid.meicheng", "demo")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[*].id", hasItem((int) inside)))
                .andExpect(jsonPath("$[*].id", not(hasItem((int) outside))));
        mvc.perform(get("/api/cases").param("grid", "mine").with(httpBasic("meicheng", "demo")))
                .andExpect(jsonPath("$", hasSize(0)));
        mvc.perform(get("/cases").param("grid", "mine").with(httpBasic("grid.meicheng", "demo")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("我的网格")));
    }

    @Test
    void theGridWorkerVerifiesAFixInHisGridOnSiteWithAPhotoAndOnlyThere() throws Exception {
        long inside = fixed(report("county", 119.4962, 29.5435));
        long outside = fixed(report("county", 119.4991, 29.5437));
        mvc.perform(get("/api/cases/" + inside).with(httpBasic("grid.meicheng", "demo")))
                .andExpect(jsonPath("$.allowedActions", hasItem("verify-fail")));
        mvc.perform(get("/api/cases/" + outside).with(httpBasic("grid.meicheng", "demo")))
                .andExpect(jsonPath("$.allowedActions", not(hasItem("verify-fail"))));
        // his inbox has the fix to verify in his grid, not the one outside it
        mvc.perform(get("/api/cases/inbox").with(httpBasic("grid.meicheng", "demo")))
                .andExpect(jsonPath("$[*].id", hasItem((int) inside)))
                .andExpect(jsonPath("$[*].id", not(hasItem((int) outside))));
        mvc.perform(get("/api/cases/inbox").with(httpBasic("county", "demo")))
                .andExpect(jsonPath("$[*].id", hasItem((int) outside)));
        // fails the fix on site, with a photo taken there: back to the town as rework
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart("/cases/" + inside + "/act")
                        .file(new org.springframework.mock.web.MockMultipartFile("photo", "site.png", "image/png", png()))
                        .param("action", "verify-fail").param("version", String.valueOf(version(inside)))
                        .param("note", "现场仍有垃圾").with(httpBasic("grid.meicheng", "demo"))
                        .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf()))
                .andExpect(status().is3xxRedirection());
        mvc.perform(get("/api/cases/" + inside).with(httpBasic("county", "demo")))
                .andExpect(jsonPath("$.state").value("IN_PROGRESS"))
                .andExpect(jsonPath("$.reworkCount").value(1))
                .andExpect(jsonPath("$.photos", hasSize(1)));
        mvc.perform(post("/api/cases/" + outside + "/verify-pass").with(httpBasic("grid.meicheng", "demo"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"version\":" + version(outside) + ",\"closingReason\":\"FIXED\",\"note\":\"看过\"}"))
                .andExpect(status().isForbidden());
    }

    /** Accepted and dispatched by the county, fixed and reported back by 梅城's staff. */
    private long fixed(long id) throws Exception {
        act(id, "county", "accept", "{}");
        act(id, "county", "dispatch", "{\"unit\":\"梅城镇环卫所\"}");
        act(id, "meicheng", "start", "{}");
        act(id, "meicheng", "report-back", "{\"note\":\"已清理\"}");
        return id;
    }

    private void act(long id, String user, String action, String extra) throws Exception {
        String body = extra.replaceFirst("^\\{", "{\"version\":" + version(id) + (extra.equals("{}") ? "" : ","));
        mvc.perform(post("/api/cases/" + id + "/" + action).with(httpBasic(user, "demo")).contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andExpect(status().isOk());
    }

    private int version(long id) {
        return jdbc.sql("select version from cases_case where id = :id").param("id", id).query(Integer.class).single();
    }

    private static byte[] png() throws Exception {
        var image = new java.awt.image.BufferedImage(64, 48, java.awt.image.BufferedImage.TYPE_INT_RGB);
        var out = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private long report(String user, double lon, double lat) throws Exception {
        String answer = mvc.perform(post("/api/cases").with(httpBasic(user, "demo")).contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"categoryCode":"E0102","longitude":%s,"latitude":%s,"description":"网格测试 %s"}"""
                                .formatted(lon, lat, UUID.randomUUID())))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return json.readTree(answer).get("id").asLong();
    }
}
