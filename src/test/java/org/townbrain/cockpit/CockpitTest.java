package org.townbrain.cockpit;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.townbrain.support.IntegrationTest;

@IntegrationTest
class CockpitTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    UserDetailsService users;

    @Test
    void theCountyCockpitDrillsDownToClustersTownsAndVillages() throws Exception {
        mvc.perform(get("/api/cockpit").param("level", "county").param("from", "2020-01-01").param("to", "2020-12-31")
                        .with(httpBasic("county", "demo")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value("建德市"))
                .andExpect(jsonPath("$.figures.towns").value(16))
                .andExpect(jsonPath("$.figures.visitors").value(Matchers.greaterThan(403100)))
                .andExpect(jsonPath("$.children[?(@.level == 'CLUSTER')]", Matchers.hasSize(4)))
                .andExpect(jsonPath("$.children[?(@.id == '330182001')].level").value("TOWN"));
        mvc.perform(get("/api/cockpit").param("level", "town").param("id", "330182104").with(httpBasic("county", "demo")))
                .andExpect(jsonPath("$.path[*].name", Matchers.contains("建德市", "梅城千鹤·三江口", "梅城镇")))
                .andExpect(jsonPath("$.children", Matchers.hasSize(18)));
        mvc.perform(get("/api/cockpit").param("level", "village").param("id", "330182104011").with(httpBasic("county", "demo")))
                .andExpect(jsonPath("$.path", Matchers.hasSize(4)))
                .andExpect(jsonPath("$.level").value("VILLAGE"));
    }

    @Test
    void aTownUserLandsOnTheirTownAndSeesNothingElse() throws Exception {
        mvc.perform(get("/api/cockpit").with(httpBasic("meicheng", "demo")))
                .andExpect(jsonPath("$.level").value("TOWN"))
                .andExpect(jsonPath("$.id").value("330182104"));
        mvc.perform(get("/api/cockpit").param("level", "town").param("id", "330182109").with(httpBasic("meicheng", "demo")))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/cockpit").param("level", "county").with(httpBasic("meicheng", "demo")))
                .andExpect(status().isNotFound());
    }

    @Test
    void badQueriesAreExplained() throws Exception {
        mvc.perform(get("/api/cockpit").param("level", "province").with(httpBasic("county", "demo")))
                .andExpect(status().isUnprocessableContent());
        mvc.perform(get("/api/cockpit").param("level", "cluster").param("id", "x").with(httpBasic("county", "demo")))
                .andExpect(status().isUnprocessableContent());
        mvc.perform(get("/api/cockpit").param("level", "county").param("from", "2024-02-01").param("to", "2024-01-01")
                        .with(httpBasic("county", "demo")))
                .andExpect(status().isUnprocessableContent());
    }

    @Test
    void thePageItsHtmxBoardAndTheLiveFeed() throws Exception {
        var county = user(users.loadUserByUsername("county"));
        mvc.perform(get("/cockpit").with(county))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("id=\"board\"")))
                .andExpect(content().string(Matchers.containsString("<html")));
        mvc.perform(get("/cockpit").param("level", "county").with(county).header("HX-Request", "true"))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.not(Matchers.containsString("<html"))));
        mvc.perform(get("/cockpit/stream").param("level", "county").with(county))
                .andExpect(request().asyncStarted());
    }
}
