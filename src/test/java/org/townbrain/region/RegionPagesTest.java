package org.townbrain.region;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.townbrain.support.IntegrationTest;

@IntegrationTest
class RegionPagesTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    UserDetailsService users;
    @Autowired
    JdbcClient jdbc;

    private RequestPostProcessor as(String username) {
        return user(users.loadUserByUsername(username));
    }

    @Test
    void pagesNeedALogin() throws Exception {
        mvc.perform(get("/overview").accept(org.springframework.http.MediaType.TEXT_HTML)).andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/login"));
    }

    @Test
    void theOverviewSpeaksChineseByDefaultAndEnglishOnRequest() throws Exception {
        mvc.perform(get("/overview").with(as("county")))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("美丽城镇总览")))
                .andExpect(content().string(Matchers.containsString("梅城千鹤·三江口")));
        mvc.perform(get("/overview").param("lang", "en").with(as("county")))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("beautiful towns overview")));
    }

    @Test
    void aTownUserLandsOnTheirTownAndCannotOpenAnotherTownsPage() throws Exception {
        mvc.perform(get("/").with(as("meicheng"))).andExpect(redirectedUrl("/towns/330182104"));
        mvc.perform(get("/towns/330182104").with(as("meicheng")))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("梅城镇")))
                .andExpect(content().string(Matchers.containsString("action=\"/towns/330182104/position\"")));
        mvc.perform(get("/villages/330182104011").with(as("meicheng")))
                .andExpect(content().string(Matchers.containsString("action=\"/villages/330182104011/position\"")));
        mvc.perform(get("/towns/330182109").with(as("meicheng")))
                .andExpect(status().isNotFound())
                .andExpect(content().string(Matchers.containsString("不在您的辖区")));
        mvc.perform(get("/villages/330182109005").with(as("meicheng")))
                .andExpect(status().isNotFound());
    }

    @Test
    void staffPlaceTheirTownOnTheMapAndAStaleFormGetsAConflict() throws Exception {
        int version = jdbc.sql("select version from region_town where code = '330182109'").query(Integer.class).single();
        mvc.perform(post("/towns/330182109/position").with(as("shouchang")).with(csrf())
                        .param("version", String.valueOf(version)).param("longitude", "119.2153").param("latitude", "29.3826"))
                .andExpect(redirectedUrl("/towns/330182109"));
        mvc.perform(post("/towns/330182109/position").with(as("shouchang")).with(csrf())
                        .param("version", String.valueOf(version)).param("longitude", "119.2").param("latitude", "29.4"))
                .andExpect(status().isConflict());
        mvc.perform(post("/towns/330182109/position").with(as("shouchang")).with(csrf())
                        .param("version", String.valueOf(version + 1)).param("longitude", "29.4").param("latitude", "119.2"))
                .andExpect(status().isUnprocessableContent());
        mvc.perform(post("/towns/330182109/position").with(as("meicheng")).with(csrf())
                        .param("version", String.valueOf(version + 1)).param("longitude", "119.2").param("latitude", "29.4"))
                .andExpect(status().isNotFound());
    }

    @Test
    void formsWithoutACsrfTokenAreRefused() throws Exception {
        mvc.perform(post("/villages/330182104011/grids").with(as("meicheng")).param("name", "一号网格"))
                .andExpect(status().isForbidden());
    }

    @Test
    void staffAddGridsToTheirVillagesAndDuplicatesAreExplained() throws Exception {
        String name = "测试网格" + System.nanoTime();
        mvc.perform(post("/villages/330182104011/grids").with(as("meicheng")).with(csrf()).param("name", name))
                .andExpect(redirectedUrl("/villages/330182104011"));
        mvc.perform(post("/villages/330182104011/grids").with(as("meicheng")).with(csrf()).param("name", name))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("同名网格")));
        mvc.perform(get("/villages/330182104011").with(as("meicheng")))
                .andExpect(content().string(Matchers.containsString(name)));
    }

    @Test
    void unknownPagesGetAFriendlyPageNotAStackTrace() throws Exception {
        mvc.perform(get("/towns/123").with(as("county")))
                .andExpect(status().isNotFound())
                .andExpect(content().string(Matchers.containsString("返回首页")));
    }

    @Test
    void theCountyOfficeConfirmsATownsProgrammeFactsAndStaleFormsConflict() throws Exception {
        int version = jdbc.sql("select version from region_town where code = '330182107'").query(Integer.class).single();
        long cluster = jdbc.sql("select cluster_id from region_town where code = '330182107'").query(Long.class).single();
        mvc.perform(post("/towns/330182107/programme").with(as("county")).with(csrf()).param("version", String.valueOf(version))
                        .param("type", "AGRICULTURE").param("inProgramme", "true").param("clusterId", String.valueOf(cluster)))
                .andExpect(redirectedUrl("/towns/330182107"));
        org.assertj.core.api.Assertions.assertThat(jdbc.sql(
                "select type_assumed or programme_assumed or cluster_assumed from region_town where code = '330182107'")
                .query(Boolean.class).single()).as("confirmed facts are no longer marked assumed").isFalse();
        mvc.perform(post("/towns/330182107/programme").with(as("county")).with(csrf()).param("version", String.valueOf(version))
                        .param("type", "GENERAL").param("inProgramme", "true"))
                .andExpect(status().isConflict());
        mvc.perform(post("/towns/330182107/programme").with(as("county")).with(csrf()).param("version", String.valueOf(version + 1))
                        .param("type", "NO_SUCH_TYPE").param("inProgramme", "true").param("clusterId", String.valueOf(cluster)))
                .andExpect(status().isUnprocessableContent());
        mvc.perform(post("/towns/330182104/programme").with(as("meicheng")).with(csrf()).param("version", "0")
                        .param("type", "GENERAL"))
                .andExpect(status().isForbidden());
    }

    @Test
    void aClusterLeadMustBeAMember() throws Exception {
        long cluster = jdbc.sql("select cluster_id from region_town where code = '330182104'").query(Long.class).single();
        int version = jdbc.sql("select version from region_cluster where id = :id").param("id", cluster).query(Integer.class).single();
        mvc.perform(post("/clusters/" + cluster).with(as("county")).with(csrf()).param("version", String.valueOf(version))
                        .param("name", "梅城千鹤·三江口").param("leadTownCode", "330182109"))
                .andExpect(status().isUnprocessableContent());
    }

    @Test
    void anHtmxGridFormGetsTheGridListFragmentBack() throws Exception {
        String name = "htmx网格" + System.nanoTime();
        mvc.perform(post("/villages/330182104012/grids").with(as("meicheng")).with(csrf()).header("HX-Request", "true")
                        .param("name", name))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString(name)))
                .andExpect(content().string(Matchers.not(Matchers.containsString("<html"))));
    }
}
