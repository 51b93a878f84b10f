package org.townbrain.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.townbrain.support.IntegrationTest;

/**
 * The authorisation gaps of issue 22, each as an attacker tried it: a write into another town, a
 * role the page refuses but the API allowed, an audit entry that lied, CSRF waved through by a
 * bogus header, another town's funding arrangement, a NUL byte in a filter.
 */
@IntegrationTest
class AuthorisationGapsTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;

    @Test
    void townStaffCannotIssueNowcastsForAnotherTownsRainGauge() throws Exception {
        java.time.OffsetDateTime now = java.time.OffsetDateTime.now().withNano(0);
        String window = """
                [{"gaugeId":"%s","issuedAt":"NOW","validFrom":"NOW","validTo":"LATER","rainMm":77.5}]"""
                .replace("NOW", now.toString()).replace("LATER", now.plusHours(1).toString());
        mvc.perform(post("/api/sensing/nowcasts").with(httpBasic("meicheng", "demo")).contentType(MediaType.APPLICATION_JSON)
                        .content(window.formatted("DEMO-RG-SC")))
                .andExpect(status().isNotFound());
        mvc.perform(post("/api/sensing/nowcasts").with(httpBasic("meicheng", "demo")).contentType(MediaType.APPLICATION_JSON)
                        .content(window.formatted("NO-SUCH-GAUGE")))
                .andExpect(status().isNotFound());
        assertThat(jdbc.sql("select count(*) from sensing_nowcast where rain_mm = 77.5").query(Long.class).single()).isZero();
        mvc.perform(post("/api/sensing/nowcasts").with(httpBasic("shouchang", "demo")).contentType(MediaType.APPLICATION_JSON)
                        .content(window.formatted("DEMO-RG-SC")))
                .andExpect(status().isOk());
        assertThat(jdbc.sql("select count(*) from sensing_nowcast where rain_mm = 77.5 and gauge_id = 'DEMO-RG-SC'")
                .query(Long.class).single()).isOne();
    }

    @Test
    void onlyCountyAndTownStaffRecordDailyTourismFigures() throws Exception {
        for (String user : new String[] {"grid.meicheng", "inspector", "duty"}) {
            mvc.perform(put("/api/tourism/daily/330182104/2021-03-03").with(httpBasic(user, "demo"))
                            .contentType(MediaType.APPLICATION_JSON).content("{\"visitors\":4917331,\"revenueYuan\":1}"))
                    .andExpect(status().isForbidden());
        }
        assertThat(jdbc.sql("select count(*) from tourism_daily where visitors = 4917331").query(Long.class).single()).isZero();
        mvc.perform(put("/api/tourism/daily/330182104/2021-03-03").with(httpBasic("meicheng", "demo"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"visitors\":4917331,\"revenueYuan\":1}"))
                .andExpect(status().isNoContent());
    }

    @Test
    void theAuditLogRecordsARefusedWriteWithItsRealStatus() throws Exception {
        mvc.perform(post("/checkin/trace").with(httpBasic("meicheng", "demo")).with(csrf()).param("kind", "venue"))
                .andExpect(status().isForbidden());
        assertThat(jdbc.sql("select outcome from access_audit where username = 'meicheng' and action = 'POST /checkin/trace' "
                + "order by id desc limit 1").query(Integer.class).single()).isEqualTo(403);
    }

    @Test
    void aBogusAuthorizationHeaderNeitherSkipsCsrfNorRidesOnTheSession() throws Exception {
        Cookie session = mvc.perform(post("/login").with(csrf()).param("username", "meicheng").param("password", "demo"))
                .andReturn().getResponse().getCookie("SESSION");
        assertThat(session).isNotNull();
        long before = jdbc.sql("select count(*) from region_grid").query(Long.class).single();
        mvc.perform(post("/villages/330182104011/grids").cookie(session)
                        .header("Authorization", "Bearer tb_bogus").param("name", "CSRF 网格"))
                .andExpect(result -> assertThat(result.getResponse().getStatus()).isIn(401, 403));
        mvc.perform(post("/villages/330182104011/grids").cookie(session)
                        .header("Authorization", "Basic Ym9ndXM6Ym9ndXM=").param("name", "CSRF 网格"))
                .andExpect(result -> assertThat(result.getResponse().getStatus()).isIn(401, 403));
        assertThat(jdbc.sql("select count(*) from region_grid").query(Long.class).single()).isEqualTo(before);
        // the session alone still works for a page, with its token
        mvc.perform(get("/overview").cookie(session)).andExpect(status().isOk());
    }

    @Test
    void aTownSeesOnlyItsOwnOneTownOnePolicyEntry() throws Exception {
        String policy = mvc.perform(get("/api/funding/2025/policy").with(httpBasic("county", "demo")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(policy).as("the demo policy has a 一镇一策 entry for another town than 寿昌").containsPattern("\"townCode\":\"(?!330182109)");
        String seen = mvc.perform(get("/api/funding/2025/policy").with(httpBasic("shouchang", "demo")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(seen).doesNotContainPattern("\"townCode\":\"(?!330182109)");
    }

    @Test
    void aNulByteInAFilterIsABadRequestAndNeverAnEmptyDownload() throws Exception {
        var export = mvc.perform(get("/cases/export.xlsx").param("q", "\u0000").with(httpBasic("county", "demo"))).andReturn();
        assertThat(export.getResponse().getStatus()).isEqualTo(400);
        assertThat(String.valueOf(export.getResponse().getContentType())).doesNotContain("spreadsheetml");
        mvc.perform(get("/cases").param("q", "a\u0000b").with(httpBasic("county", "demo"))).andExpect(status().isBadRequest());
        mvc.perform(get("/api/cases").param("q", "a\u0000b").with(httpBasic("county", "demo"))).andExpect(status().isBadRequest());
    }
}
