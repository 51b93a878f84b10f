package org.townbrain.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.townbrain.support.IntegrationTest;

@IntegrationTest
class AgencyServicesTest {

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;

    @Test
    void anAgentTakesARequestThroughItsStepsAndTheResidentFollowsItByCode() throws Exception {
        String url = mvc.perform(post("/services").with(httpBasic("meicheng", "demo")).param("type", "GENERIC")
                .param("townCode", "330182104").param("summary", "代办老年证").param("applicantName", "李大爷")
                .param("applicantContact", "13700001234")).andExpect(status().is3xxRedirection()).andReturn()
                .getResponse().getRedirectedUrl();
        long id = Long.parseLong(url.substring(url.lastIndexOf('/') + 1));
        String code = jdbc.sql("select tracking_code from cases_service_request where id = :id").param("id", id)
                .query(String.class).single();

        mvc.perform(get("/services/" + id).with(httpBasic("shouchang", "demo"))).andExpect(status().isNotFound());
        for (int version = 0; version < 3; version++) {
            mvc.perform(post("/services/" + id + "/advance").with(httpBasic("meicheng", "demo"))
                    .param("version", String.valueOf(version))).andExpect(status().is3xxRedirection());
        }
        mvc.perform(post("/services/" + id + "/advance").with(httpBasic("meicheng", "demo")).param("version", "3"))
                .andExpect(status().isConflict());
        String page = mvc.perform(get("/track/service/" + code)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
        assertThat(page).contains("已办结").contains("结果送达").doesNotContain("李大爷").doesNotContain("13700001234");
        mvc.perform(get("/services").with(httpBasic("grid.meicheng", "demo"))).andExpect(status().isForbidden());
    }
}
