package org.townbrain.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import jakarta.servlet.http.Cookie;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.townbrain.support.IntegrationTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Issue 22, the high one: thirty anonymous survey posts, each with a fresh browser, moved an
 * accepted town from MODEL to BASELINE and took its rewards away. Answers now need a one-time code
 * the county issued, and an accepted assessment keeps the satisfaction it was accepted with.
 */
@IntegrationTest
class SurveyBallotStuffingTest {

    private static final String MEICHENG = "330182104";

    @Autowired
    MockMvc mvc;
    @Autowired
    ObjectMapper json;
    @Autowired
    JdbcClient jdbc;

    private JsonNode result() throws Exception {
        return json.readTree(mvc.perform(get("/api/evaluation/2025/towns/" + MEICHENG).with(httpBasic("county", "demo")))
                .andReturn().getResponse().getContentAsString()).get("result");
    }

    private String funding() throws Exception {
        JsonNode towns = json.readTree(mvc.perform(get("/api/funding/2025").with(httpBasic("county", "demo")))
                .andReturn().getResponse().getContentAsString()).get("towns");
        for (JsonNode town : towns) {
            if (MEICHENG.equals(town.get("townCode").asString())) {
                return town.toString();
            }
        }
        throw new AssertionError("no funding row for " + MEICHENG);
    }

    @Test
    void freshBrowsersCannotMoveAnAcceptedTownsSatisfactionTierOrFunding() throws Exception {
        JsonNode before = result();
        String fundingBefore = funding();
        assertThat(before.get("tier").asString()).isEqualTo("MODEL");

        for (int i = 0; i < 30; i++) {
            MockHttpServletRequestBuilder post = post("/survey/2025/" + MEICHENG).with(csrf())
                    .cookie(new Cookie("tb_survey", UUID.randomUUID().toString().replace("-", "")))
                    .param("code", "ABCDE-" + String.format("%05d", i));
            for (int q = 1; q <= 20; q++) {
                post.param("q" + q, "4");
            }
            int address = i;
            int status = mvc.perform(post.with(request -> {
                request.setRemoteAddr("203.0.113." + (100 + address));
                return request;
            })).andReturn().getResponse().getStatus();
            assertThat(status).as("post %d", i).isIn(409, 422);
        }
        // and answers that reach the table some other way after acceptance do not count either
        jdbc.sql("""
                insert into evaluation_survey_response (town_code, year, respondent, answers, share, answered_at)
                select :t, 2025, md5(random()::text || g), '{4}', 0, now() from generate_series(1, 30) g""")
                .param("t", MEICHENG).update();

        JsonNode after = result();
        assertThat(after.get("satisfaction").asDouble()).isEqualTo(before.get("satisfaction").asDouble());
        assertThat(after.get("score").asDouble()).isEqualTo(before.get("score").asDouble());
        assertThat(after.get("tier").asString()).isEqualTo("MODEL");
        assertThat(funding()).isEqualTo(fundingBefore);
    }
}
