package org.townbrain.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.townbrain.region.Place;
import org.townbrain.region.Regions;
import org.townbrain.support.IntegrationTest;
import tools.jackson.databind.ObjectMapper;

/** A case's town and village from its location, on the seats the demo county loads (Vonng/adcode, WGS-84). */
@IntegrationTest
class CaseLocationOnRealSeatsTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ObjectMapper json;

    @Autowired
    Regions regions;

    @Test
    void aReportAtTheRealMeichengSeatLandsInMeicheng() throws Exception {
        // 梅城镇 seat 29.543783, 119.499109; 梅花社区 (330182104013) about 200 m west of it
        assertThat(regions.locate(119.499109, 29.543783)).map(Place::townCode).contains("330182104");
        String answer = mvc.perform(post("/api/cases").with(httpBasic("county", "demo")).contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"categoryCode":"E0102","longitude":119.4991,"latitude":29.5437,"description":"梅城镇上报 %s"}"""
                                .formatted(UUID.randomUUID())))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        long id = json.readTree(answer).get("id").asLong();
        assertThat(jdbc.sql("select town_code || ' ' || coalesce(village_code, '-') from cases_case where id = :id")
                .param("id", id).query(String.class).single()).isEqualTo("330182104 330182104013");
        // 3.8 km south of 梅城, no village seat within 3 km: the 梅城 town seat decides
        assertThat(regions.locate(119.50, 29.51)).map(Place::townCode).contains("330182104");
    }
}
