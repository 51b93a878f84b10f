package org.townbrain.cockpit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.townbrain.support.IntegrationTest;

/** Navigation never dead-ends: every cockpit link a user is shown opens a page that user may see. */
@IntegrationTest
class CockpitLinksTest {

    private static final Pattern LINK = Pattern.compile("href=\"(/cockpit(?:/wall)?(?:\\?[^\"]*)?)\"");

    @Autowired
    MockMvc mvc;
    @Autowired
    UserDetailsService users;

    @Test
    void everyBreadcrumbAndDrillDownLinkOpensForEveryRole() throws Exception {
        for (String name : List.of("county", "meicheng", "shouchang", "grid.meicheng", "inspector", "duty")) {
            var who = user(users.loadUserByUsername(name));
            for (String start : List.of("/cockpit", "/cockpit/wall")) {
                String home = page(who, start, name);
                // the home page's links, and the links of every page one step away
                Set<String> links = links(home);
                Set<String> second = new LinkedHashSet<>();
                for (String link : links) {
                    // one step further only upwards (the breadcrumbs), not into every village of the county
                    links(page(who, link, name)).stream().filter(l -> !l.contains("level=village")).forEach(second::add);
                }
                second.removeAll(links);
                for (String link : second) {
                    page(who, link, name);
                }
            }
        }
    }

    @Test
    void aTownUserSeesTheCountyAndClusterAsPlainTextNotAsLinks() throws Exception {
        var meicheng = user(users.loadUserByUsername("meicheng"));
        for (String start : List.of("/cockpit", "/cockpit/wall")) {
            String html = page(meicheng, start, "meicheng");
            assertThat(html).contains("建德市", "梅城镇");
            assertThat(links(html)).as(start).noneMatch(l -> l.contains("level=county") || l.contains("level=cluster"));
        }
    }

    @Test
    void theWallOpensAtAClusterATownOrAVillageByCode() throws Exception {
        var county = user(users.loadUserByUsername("county"));
        assertThat(page(county, "/cockpit/wall?code=330182104", "county")).contains("梅城镇").doesNotContain("TOWN", "VILLAGE", "CLUSTER");
        assertThat(page(county, "/cockpit/wall?code=1", "county")).contains("梅城千鹤·三江口");
        assertThat(page(county, "/cockpit/wall?code=330182104011", "county")).contains("梅城镇");
        assertThat(mvc.perform(get("/cockpit/wall").param("code", "330182109").with(user(users.loadUserByUsername("meicheng"))))
                .andReturn().getResponse().getStatus()).isEqualTo(404);
    }

    private String page(RequestPostProcessor who, String url, String name) throws Exception {
        var response = mvc.perform(get(url).with(who)).andReturn().getResponse();
        assertThat(response.getStatus()).as(name + " opens " + url).isEqualTo(200);
        return response.getContentAsString();
    }

    private static Set<String> links(String html) {
        Set<String> links = new LinkedHashSet<>();
        Matcher m = LINK.matcher(html);
        while (m.find()) {
            links.add(m.group(1).replace("&amp;", "&"));
        }
        return links;
    }
}
