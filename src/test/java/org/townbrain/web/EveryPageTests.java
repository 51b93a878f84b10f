package org.townbrain.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.townbrain.platform.web.NavItem;
import org.townbrain.support.IntegrationTest;

/**
 * Every demo user walks the pages they can reach from the navigation, two links deep: nothing
 * answers with a server error, and every entry the navigation offers them opens.
 */
@IntegrationTest
class EveryPageTests {

    private static final Pattern LINK = Pattern.compile("href=\"(/[^\"#]*)\"");
    private static final int MAX_PAGES = 45;

    @Autowired
    MockMvc mvc;

    @Autowired
    List<NavItem> navigation;

    @ParameterizedTest
    @ValueSource(strings = {"county", "meicheng", "grid.meicheng", "inspector", "duty"})
    void noPageAUserCanReachFails(String user) throws Exception {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String[]> queue = new ArrayDeque<>();
        queue.add(new String[] {"/", "0"});
        queue.add(new String[] {"/admin", "0"});
        navigation.forEach(n -> queue.add(new String[] {n.path(), "0"}));
        List<String> failures = new ArrayList<>();
        while (!queue.isEmpty() && seen.size() < MAX_PAGES) {
            String[] next = queue.poll();
            String path = next[0].replace("&amp;", "&");
            int depth = Integer.parseInt(next[1]);
            if (!seen.add(path) || path.startsWith("/logout") || path.contains("lang=") || path.startsWith("/webjars")
                    || path.startsWith("/css") || path.startsWith("/js") || path.startsWith("/img")) {
                continue;
            }
            MockHttpServletResponse response = mvc.perform(get(path).with(httpBasic(user, "demo")).header("Accept", "text/html"))
                    .andReturn().getResponse();
            if (response.getStatus() >= 500) {
                failures.add(path + " → " + response.getStatus());
            }
            boolean offered = navigation.stream().anyMatch(n -> n.path().equals(path));
            if (offered && response.getStatus() >= 400 && response.getStatus() != 403) {
                failures.add(path + " (in the navigation) → " + response.getStatus());
            }
            if (response.getStatus() == 200 && depth > 0 && path.startsWith("/admin") && !user.equals("county")) {
                failures.add(path + " opened for " + user);
            }
            String location = response.getHeader("Location");
            if (response.getStatus() / 100 == 3 && location != null) {
                String local = location.replaceFirst("^https?://[^/]+", "");
                if (local.startsWith("/") && !local.startsWith("/login")) {
                    queue.addFirst(new String[] {local, String.valueOf(depth)});
                }
            }
            String type = response.getContentType();
            if (depth < 2 && type != null && type.startsWith("text/html")) {
                Matcher m = LINK.matcher(response.getContentAsString());
                while (m.find()) {
                    queue.add(new String[] {m.group(1), String.valueOf(depth + 1)});
                }
            }
        }
        assertThat(seen.size()).as("pages walked").isGreaterThan(10);
        assertThat(failures).as("pages that failed for " + user).isEmpty();
    }
}
