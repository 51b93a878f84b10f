package org.townbrain.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.townbrain.support.IntegrationTest;

/** 一镇一策 as a document: generated from the data, edited by the county as versions, read by the town, printable. */
@IntegrationTest
class TownPlansTest {

    static final String SHOUCHANG = "330182109";

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;

    private String page(String user, String town) throws Exception {
        return mvc.perform(get("/evaluation/2025/plans/" + town).with(httpBasic(user, "demo"))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
    }

    @Test
    void theDocumentIsGeneratedFromTheTownsDataAndFunding() throws Exception {
        String doc = page("county", SHOUCHANG);
        assertThat(doc).contains("寿昌镇").contains("2025 年一镇一策").contains("草稿").contains("创建类型").contains("短板指标")
                .contains("基础资金").contains("奖补条件").contains("责任单位").contains("时间节点").contains("plan.css");
        // its type, tier and weak indicators are the evaluation's own
        assertThat(doc).containsPattern("id=\"plan-tier\">(样板|达标|未达标)<");
        assertThat(doc).doesNotContain("MODEL<").doesNotContain("BASELINE<").doesNotContain(">ENVIRONMENT<");
        assertThat(doc).containsPattern("id=\"plan-type\">[^<A-Z_]*[\u4e00-\u9fa5][^<A-Z_]*<");
        // the funding lines are the allocation's: base + rewards = total, shown with separators
        assertThat(doc).containsPattern("id=\"plan-total\"><b>[0-9,]+ 元</b>");
    }

    @Test
    void theCountyEditsAsVersionsAndAStaleEditIsRefused() throws Exception {
        String town = "330182104";
        mvc.perform(save("county", town, 0, "2025-06-30 完成古城立面改造")).andExpect(status().is3xxRedirection());
        mvc.perform(save("county", town, 0, "2025-07-31 重复提交")).andExpect(status().isConflict());
        mvc.perform(save("county", town, 1, "2025-09-30 夜游街区开放")).andExpect(status().is3xxRedirection());
        assertThat(jdbc.sql("select version from evaluation_town_plan where town_code = :t and year = 2025").param("t", town)
                .query(Integer.class).single()).isEqualTo(2);
        assertThat(jdbc.sql("select count(*) from evaluation_town_plan_version where town_code = :t and year = 2025")
                .param("t", town).query(Integer.class).single()).isEqualTo(2);
        String doc = page("meicheng", town);
        assertThat(doc).contains("夜游街区开放").doesNotContain("重复提交").contains("共 2 版");
        // a milestone without a date is refused with the reason; nothing changes
        String url = mvc.perform(save("county", town, 2, "尽快完成")).andExpect(status().is3xxRedirection()).andReturn()
                .getResponse().getRedirectedUrl();
        assertThat(url).endsWith("/edit");
        assertThat(jdbc.sql("select version from evaluation_town_plan where town_code = :t and year = 2025").param("t", town)
                .query(Integer.class).single()).isEqualTo(2);
        // 2024 is a document of its own
        assertThat(page("county", town).contains("夜游街区开放")).isTrue();
        assertThat(mvc.perform(get("/evaluation/2024/plans/" + town).with(httpBasic("county", "demo"))).andReturn().getResponse()
                .getContentAsString()).doesNotContain("夜游街区开放").contains("草稿");
    }

    @Test
    void townStaffReadOnlyTheirOwnTownAndCannotEdit() throws Exception {
        page("meicheng", "330182104");
        mvc.perform(get("/evaluation/2025/plans/" + SHOUCHANG).with(httpBasic("meicheng", "demo"))).andExpect(status().isNotFound());
        mvc.perform(get("/evaluation/2025/plans").with(httpBasic("meicheng", "demo")))
                .andExpect(status().is3xxRedirection());
        mvc.perform(save("meicheng", "330182104", 0, "2025-06-30 自己改")).andExpect(status().isForbidden());
        mvc.perform(get("/evaluation/2025/plans/330182104/edit").with(httpBasic("meicheng", "demo"))).andExpect(status().isForbidden());
        assertThat(page("meicheng", "330182104")).doesNotContain("id=\"plan-edit\"");
    }

    private MockHttpServletRequestBuilder save(String user, String town, int version, String milestones) {
        return post("/evaluation/2025/plans/" + town).with(httpBasic(user, "demo")).param("version", String.valueOf(version))
                .param("tasks", "补齐短板").param("units", "梅城镇人民政府").param("milestones", milestones)
                .param("conditions", "按考核兑现");
    }
}
