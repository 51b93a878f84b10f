package org.townbrain.projects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Sheet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.townbrain.support.IntegrationTest;

/** The ledger, figures, firms and services pages render for the county and for a town, and the export is a real workbook. */
@IntegrationTest
class ProjectPagesTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    UserDetailsService users;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Test
    void theCountySeesEveryPage() throws Exception {
        for (String page : new String[] {"/projects", "/projects/overview?from=2020-01-01&to=2020-12-31", "/projects/firms",
                "/projects/services?from=2020-01-01&to=2020-12-31", "/projects/new"}) {
            mvc.perform(get(page).with(as("county"))).andExpect(status().isOk());
        }
    }

    @Test
    void aTownUsersLedgerShowsOnlyTheirTown() throws Exception {
        String page = mvc.perform(get("/projects").with(as("meicheng"))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("梅城").doesNotContain("【演示】寿昌");
        mvc.perform(get("/projects?town=330182109").with(as("meicheng"))).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("暂无项目")));
    }

    @Test
    void aNegativeBudgetFromTheFormComesBackAsAMessage() throws Exception {
        mvc.perform(post("/projects").with(as("meicheng")).with(csrf()).param("name", "表单测试").param("dimension", "LIVING")
                .param("category", "测试").param("budget", "-5").param("startDate", "2024-01-01").param("endDate", "2024-12-31")
                .param("townCodes", "330182104"))
                .andExpect(status().is3xxRedirection())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl("/projects/new"));
    }

    /** The details form of a project lists the editor's towns, the project's own selected, and moves it. */
    @Test
    void theDetailsFormMovesAProjectToAnotherTown() throws Exception {
        String created = mvc.perform(post("/projects").with(as("county")).with(csrf()).param("name", "表单改镇街")
                .param("dimension", "LIVING").param("category", "测试").param("budget", "100").param("startDate", "2024-01-01")
                .param("endDate", "2024-12-31").param("townCodes", "330182104"))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        String page = mvc.perform(get(created).with(as("county"))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).containsPattern("<option value=\"330182104\"\\s+selected=\"selected\">梅城镇</option>")
                .contains("<option value=\"330182109\">寿昌镇</option>");
        mvc.perform(post(created + "/details").with(as("county")).with(csrf()).param("version", "0").param("name", "表单改镇街")
                .param("dimension", "LIVING").param("category", "测试").param("startDate", "2024-01-01")
                .param("townCodes", "330182109")).andExpect(status().is3xxRedirection());
        assertThat(jdbc.sql("select town_code from projects_project_town where project_id = :p")
                .param("p", Long.parseLong(created.substring(created.lastIndexOf('/') + 1))).query(String.class).list())
                .containsExactly("330182109");
    }

    @Test
    void theExportIsAWorkbookWithTheFigures() throws Exception {
        byte[] xlsx = mvc.perform(get("/projects/overview.xlsx?from=2020-01-01&to=2020-12-31").with(as("county")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet summary = workbook.getFirstSheet();
            // row 3 (1-based) is the first figure, expert visits
            var visits = summary.read().stream().filter(r -> r.getRowNum() == 3).findFirst().orElseThrow();
            assertThat(visits.getCell(0).asString()).isEqualTo("专家服务（人次）");
            assertThat(visits.getCell(1).asNumber().intValue()).isGreaterThanOrEqualTo(120);
            assertThat(workbook.getSheets().count()).isEqualTo(3);
        }
    }

    @Test
    void anInspectorRecordsACheckWithFindingsThroughTheForm() throws Exception {
        mvc.perform(post("/projects/services/checks").with(as("inspector")).with(csrf()).param("kind", "SAFETY")
                .param("title", "表单检查").param("townCode", "330182105").param("checkedOn", "2022-03-03")
                .param("inspectors", "督查员").param("findings", "围挡破损, 119.41, 29.52\n脚手架未设防护"))
                .andExpect(status().is3xxRedirection())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash().attribute("saved", true));
        mvc.perform(get("/api/projects/stats?from=2022-03-03&to=2022-03-03&town=330182105").with(as("county")))
                .andExpect(status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath("$.problemsFound")
                        .value(org.hamcrest.Matchers.greaterThanOrEqualTo(2)));
        mvc.perform(post("/projects/services/checks").with(as("meicheng")).with(csrf()).param("kind", "SAFETY")
                .param("title", "无权").param("townCode", "330182104").param("checkedOn", "2022-03-03")
                .param("inspectors", "x")).andExpect(status().isForbidden());
    }

    @Test
    void theCountyRegistersAFirmAndAnInspectorScoresIt() throws Exception {
        mvc.perform(post("/projects/firms").with(as("county")).with(csrf()).param("uscc", "91110108551385082Q")
                .param("name", "表单测试企业").param("kind", "CONSTRUCTION"))
                .andExpect(status().is3xxRedirection())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash().attribute("saved", true));
        mvc.perform(post("/projects/firms").with(as("county")).with(csrf()).param("uscc", "91110108551385082Q")
                .param("name", "重复").param("kind", "CONSTRUCTION"))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash().attributeExists("error"));
        mvc.perform(post("/projects/firms").with(as("county")).with(csrf()).param("uscc", "91110108551385082A")
                .param("name", "错码").param("kind", "CONSTRUCTION"))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash().attributeExists("error"));
        mvc.perform(post("/projects/firms/weights").with(as("county")).with(csrf()).param("quality", "0")
                .param("progress", "0").param("civilised", "0"))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash().attributeExists("error"));
        mvc.perform(get("/projects/firms").with(as("county"))).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("表单测试企业")));
    }

    @Test
    void theCountyAddsAResidentPlannerWhoLogsASeminar() throws Exception {
        mvc.perform(post("/projects/services/planners").with(as("county")).with(csrf()).param("name", "表单规划师")
                .param("role", "RESIDENT_PLANNER").param("townCodes", "330182107"))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash().attribute("saved", true));
        String planners = mvc.perform(get("/api/projects/planners").with(as("county"))).andReturn().getResponse()
                .getContentAsString();
        long id = new tools.jackson.databind.ObjectMapper().readTree(planners).valueStream()
                .filter(p -> p.get("name").asString().equals("表单规划师")).findFirst().orElseThrow().get("id").asLong();
        mvc.perform(post("/projects/services/seminars").with(as("county")).with(csrf()).param("plannerId", String.valueOf(id))
                .param("townCode", "330182104").param("heldOn", "2022-05-05").param("topic", "研讨").param("minutes", "纪要"))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash().attributeExists("error"));
        mvc.perform(post("/projects/services/seminars").with(as("county")).with(csrf()).param("plannerId", String.valueOf(id))
                .param("townCode", "330182107").param("heldOn", "2022-05-05").param("topic", "研讨").param("minutes", "纪要"))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash().attribute("saved", true));
    }

    private RequestPostProcessor as(String username) {
        return user(users.loadUserByUsername(username));
    }
}
