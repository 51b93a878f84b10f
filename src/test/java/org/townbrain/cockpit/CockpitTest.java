package org.townbrain.cockpit;

import static org.assertj.core.api.Assertions.assertThat;
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
    @Autowired
    tools.jackson.databind.ObjectMapper json;

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

    @Test
    void eachChildRowShowsWhatThatChildsOwnCockpitShows() throws Exception {
        // the readers fill every child from one batched read; each row must agree with the child's own view
        for (String[] unit : new String[][] {{"county", "330182"}, {"cluster", "1"}, {"town", "330182104"}}) {
            var view = read(unit[0], unit[1]);
            assertThat(view.get("children").size()).as(unit[0]).isPositive();
            for (var child : view.get("children")) {
                var own = read(child.get("level").asString().toLowerCase(java.util.Locale.ROOT), child.get("id").asString());
                for (var figure : child.get("figures").properties()) {
                    assertThat(own.get("figures").get(figure.getKey())).as(unit[0] + " › " + child.get("id") + " " + figure.getKey())
                            .isEqualTo(figure.getValue());
                }
                if (!child.get("level").asString().equals("VILLAGE")) {
                    assertThat(keys(child.get("trouble"))).as(child.get("id").asString()).isEqualTo(keys(own.get("trouble")));
                }
            }
        }
    }

    private tools.jackson.databind.JsonNode read(String level, String id) throws Exception {
        return json.readTree(mvc.perform(get("/api/cockpit").param("level", level).param("id", id)
                        .param("from", "2020-01-01").param("to", "2020-12-31").with(user(users.loadUserByUsername("county"))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
    }

    private static java.util.Set<String> keys(tools.jackson.databind.JsonNode trouble) {
        java.util.Set<String> keys = new java.util.TreeSet<>();
        trouble.forEach(r -> keys.add(r.get("key").asString()));
        return keys;
    }
}
