package org.townbrain.evaluation;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.townbrain.support.IntegrationTest;

/** The pages answer by jurisdiction: a town user lands on their own scorecard and nowhere else. */
@IntegrationTest
class EvaluationPagesTests {

    @Autowired
    MockMvc mvc;

    @Test
    void aTownUserLandsOnTheirOwnScorecardAndCannotOpenAnothers() throws Exception {
        mvc.perform(get("/evaluation").with(httpBasic("meicheng", "demo"))).andExpect(status().is3xxRedirection());
        mvc.perform(get("/evaluation/2025").with(httpBasic("meicheng", "demo")))
                .andExpect(redirectedUrl("/evaluation/2025/towns/330182104"));
        mvc.perform(get("/evaluation/2025/towns/330182104").with(httpBasic("meicheng", "demo"))).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("data-radar")))
                .andExpect(content().string(Matchers.not(Matchers.containsString("寿昌镇"))));
        mvc.perform(get("/evaluation/2025/towns/330182109").with(httpBasic("meicheng", "demo"))).andExpect(status().isNotFound());
        mvc.perform(get("/evaluation/2025/funding").with(httpBasic("meicheng", "demo"))).andExpect(status().isOk())
                .andExpect(content().string(Matchers.not(Matchers.containsString("寿昌镇"))));
    }

    @Test
    void theCountySeesTheRankingGapsAndFunding() throws Exception {
        mvc.perform(get("/evaluation/2025").with(httpBasic("county", "demo"))).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("id=\"gaps\"")))
                .andExpect(content().string(Matchers.containsString("寿昌镇")));
        mvc.perform(get("/evaluation/2025/catalogue").with(httpBasic("county", "demo"))).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("小镇客厅")));
        mvc.perform(get("/evaluation/2025/funding?lang=en").with(httpBasic("county", "demo"))).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("Funding 2025")));
    }

    @Test
    void aBadPolicyFromTheEditorIsRefusedAndTheOldOneStays() throws Exception {
        mvc.perform(post("/evaluation/2025/funding/policy").with(httpBasic("county", "demo")).with(csrf())
                .param("policy", "{\"year\":2025,\"pool\":1,\"assumed\":true,\"bases\":[],\"rewards\":[{\"code\":\"X\",\"name\":\"x\",\"trigger\":\"TIER=GOLD\",\"amount\":1}],\"towns\":[]}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(Matchers.containsString("unknown result")));
        mvc.perform(post("/evaluation/2025/funding/policy").with(httpBasic("county", "demo")).with(csrf()).param("policy", "{oops"))
                .andExpect(status().isUnprocessableContent());
        mvc.perform(get("/api/funding/2025/policy").with(httpBasic("county", "demo"))).andExpect(jsonPath("$.pool").value(30_000_000));
    }

    @Test
    void theCountyStartsANewYearsCatalogueByCopyingThePreviousOne() throws Exception {
        mvc.perform(get("/evaluation/2041/catalogue").with(httpBasic("county", "demo"))).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("no-catalogue")));
        mvc.perform(get("/evaluation/2041/catalogue").with(httpBasic("meicheng", "demo"))).andExpect(status().isNotFound());
        mvc.perform(post("/evaluation/2025/catalogue/copy").param("to", "2041").with(httpBasic("meicheng", "demo")).with(csrf()))
                .andExpect(status().isForbidden());
        mvc.perform(post("/evaluation/2025/catalogue/copy").param("to", "2041").with(httpBasic("county", "demo")).with(csrf()))
                .andExpect(redirectedUrl("/evaluation/2041/catalogue"));
        mvc.perform(get("/api/evaluation/2041/catalogue").with(httpBasic("county", "demo")))
                .andExpect(jsonPath("$.indicators.length()").value(85)).andExpect(jsonPath("$.questions.length()").value(20));
        mvc.perform(post("/evaluation/2025/catalogue/copy").param("to", "2041").with(httpBasic("county", "demo")).with(csrf()))
                .andExpect(status().isConflict());
    }

    @Test
    void theSurveyIsPublicAndSaysWhenItIsClosed() throws Exception {
        mvc.perform(get("/survey/2025/330182104")).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("id=\"closed\"")));
        mvc.perform(get("/survey/2025/330182001")).andExpect(status().isNotFound());
        mvc.perform(get("/evaluation/2025").accept(org.springframework.http.MediaType.TEXT_HTML))
                .andExpect(status().is3xxRedirection());
    }
}
