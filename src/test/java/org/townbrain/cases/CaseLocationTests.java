package org.townbrain.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.townbrain.region.Place;
import org.townbrain.region.Regions;
import org.townbrain.support.IntegrationTest;
import tools.jackson.databind.ObjectMapper;

/** The town and village of a case come from its location when the reporter does not choose them. */
@IntegrationTest
class CaseLocationTests {

    static final String XIAYA = "330182106";
    static final String XIAYA_COMMUNITY = "330182106003";
    static final String SHIJIA = "330182106222";

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ObjectMapper json;

    @Autowired
    Regions regions;

    /** The seats the demo county loaded: these tests place their own, so the others step aside and come back after. */
    private java.util.List<java.util.Map<String, Object>> sourced;

    @BeforeEach
    void placeSeats() {
        sourced = jdbc.sql("""
                select 'region_town' as tab, code, longitude, latitude from region_town where longitude is not null
                union all select 'region_village', code, longitude, latitude from region_village where longitude is not null""")
                .query().listOfRows();
        jdbc.sql("update region_town set longitude = null, latitude = null").update();
        jdbc.sql("update region_village set longitude = null, latitude = null").update();
        place("region_town", XIAYA, 119.350, 29.520);
        place("region_village", XIAYA_COMMUNITY, 119.340, 29.520);
        place("region_village", SHIJIA, 119.370, 29.530);
    }

    @AfterEach
    void restoreSeats() {
        jdbc.sql("update region_town set longitude = null, latitude = null where code = :c").param("c", XIAYA).update();
        jdbc.sql("update region_village set longitude = null, latitude = null where town_code = :c").param("c", XIAYA).update();
        for (java.util.Map<String, Object> row : sourced) {
            jdbc.sql("update " + row.get("tab") + " set longitude = :lon, latitude = :lat where code = :c")
                    .param("lon", row.get("longitude")).param("lat", row.get("latitude")).param("c", row.get("code")).update();
        }
    }

    private void place(String table, String code, double lon, double lat) {
        jdbc.sql("update " + table + " set longitude = :lon, latitude = :lat where code = :c")
                .param("lon", lon).param("lat", lat).param("c", code).update();
    }

    @Test
    void theNearestSeatDecidesWithinItsReach() {
        Place near = regions.locate(119.368, 29.531).orElseThrow();
        assertThat(near.townCode()).isEqualTo(XIAYA);
        assertThat(near.villageCode()).isEqualTo(SHIJIA);
        assertThat(near.metres()).isBetween(150.0, 250.0);
        // 0.05° east of the village seats (≈ 4.5 km): no village claims it, the town seat (≈ 6 km) does
        Place far = regions.locate(119.42, 29.52).orElseThrow();
        assertThat(far.townCode()).isEqualTo(XIAYA);
        assertThat(far.villageCode()).isNull();
        assertThat(regions.locate(119.06, 29.22)).as("no seat within 12 km").isEmpty();
    }

    @Test
    void aReportWithoutTownOrVillageGetsThemFromItsLocation() throws Exception {
        long derived = report(null, 119.371, 29.529);
        assertThat(placeOf(derived)).isEqualTo(XIAYA + " " + SHIJIA);

        // the town chosen, the village derived; a village chosen is kept
        long townChosen = report("\"" + XIAYA + "\"", 119.341, 29.521);
        assertThat(placeOf(townChosen)).isEqualTo(XIAYA + " " + XIAYA_COMMUNITY);

        // the nearest village seat belongs to another town: the town the reporter chose stands, no village
        long other = report("\"330182104\"", 119.341, 29.521);
        assertThat(placeOf(other)).isEqualTo("330182104 -");

        // nowhere near a seat and no town: a clear error, nothing stored
        String description = "无处可寻 " + UUID.randomUUID();
        mvc.perform(post("/api/cases").with(httpBasic("county", "demo")).contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"categoryCode":"E0102","longitude":119.06,"latitude":29.22,"description":"%s"}""".formatted(description)))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("镇街")));
        assertThat(jdbc.sql("select count(*) from cases_case where description = :d").param("d", description)
                .query(Integer.class).single()).isZero();
    }

    @Test
    void anOpen311RequestWithoutTownIsPlacedByItsCoordinates() throws Exception {
        mvc.perform(get("/open311/v2/services/E0102.json")).andExpect(status().isOk())
                .andExpect(jsonPath("$.attributes[0].required").value(false));
        String answer = mvc.perform(post("/open311/v2/requests.json").param("api_key", JiandeDemoCases.DEMO_OPEN311_KEY)
                        .param("service_code", "E0102").param("lat", "29.5305").param("long", "119.3702")
                        .param("description", "下涯施家村口垃圾 open311"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        String ref = json.readTree(answer).get(0).get("service_request_id").asString();
        assertThat(jdbc.sql("select town_code || ' ' || village_code from cases_case where ref = :r").param("r", ref)
                .query(String.class).single()).isEqualTo(XIAYA + " " + SHIJIA);
        // no seat near: no case is guessed, the report waits for the county's dispatcher (待分派)
        String far = mvc.perform(post("/open311/v2/requests.json").param("api_key", JiandeDemoCases.DEMO_OPEN311_KEY)
                        .param("service_code", "E0102").param("lat", "29.22").param("long", "119.06")
                        .param("description", "远处垃圾 open311"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(json.readTree(far).get(0).has("service_request_id")).isFalse();
        assertThat(jdbc.sql("select count(*) from cases_open311_triage where token = :t")
                .param("t", json.readTree(far).get(0).get("token").asString()).query(Integer.class).single()).isOne();
    }

    private long report(String town, double lon, double lat) throws Exception {
        String answer = mvc.perform(post("/api/cases").with(httpBasic("county", "demo")).contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"categoryCode":"E0102","townCode":%s,"longitude":%s,"latitude":%s,"description":"按位置定镇村 %s"}"""
                                .formatted(town, lon, lat, UUID.randomUUID())))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return json.readTree(answer).get("id").asLong();
    }

    private String placeOf(long id) {
        return jdbc.sql("select town_code || ' ' || coalesce(village_code, '-') from cases_case where id = :id").param("id", id)
                .query(String.class).single();
    }
}
