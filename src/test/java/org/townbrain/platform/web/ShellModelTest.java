package org.townbrain.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.townbrain.support.IntegrationTest;

/** The layout's navigation: what each role may open, the page one is on marked, administration behind one entry. */
@IntegrationTest
class ShellModelTest {

    @Autowired MockMvc mvc;

    @Test
    void townStaffSeeTheirEntriesWithTheCurrentOneMarkedAndNoAdministration() throws Exception {
        MvcResult page = mvc.perform(get("/checkin").with(httpBasic("meicheng", "demo"))).andExpect(status().isOk()).andReturn();

        assertThat(page.getModelAndView().getModel().get("currentPath")).isEqualTo("/checkin");
        assertThat(paths(page, "navItems")).contains("/checkin").doesNotContain("/checkin/trace")
                .allSatisfy(path -> assertThat(path).doesNotStartWith("/admin"));
        assertThat(paths(page, "adminItems")).isEmpty();
        assertThat(page.getResponse().getContentAsString()).contains("href=\"/checkin\" class=\"active\"")
                .doesNotContain("href=\"/admin\"");
    }

    @Test
    void theCountyAdministratorGetsTheAdministrationEntry() throws Exception {
        MvcResult page = mvc.perform(get("/checkin").with(httpBasic("county", "demo"))).andExpect(status().isOk()).andReturn();

        assertThat(paths(page, "adminItems")).contains("/admin/users", "/admin/audit");
        assertThat(paths(page, "navItems")).allSatisfy(path -> assertThat(path).doesNotStartWith("/admin"));
        assertThat(page.getResponse().getContentAsString()).contains("href=\"/admin\"");
    }

    @SuppressWarnings("unchecked")
    private static List<String> paths(MvcResult page, String attribute) {
        return ((List<NavItem>) page.getModelAndView().getModel().get(attribute)).stream().map(NavItem::path).toList();
    }
}
