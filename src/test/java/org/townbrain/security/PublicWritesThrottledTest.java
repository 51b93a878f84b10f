package org.townbrain.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.townbrain.platform.throttle.ThrottleProperties;
import org.townbrain.support.IntegrationTest;

/** Floods of anonymous writes (issue 22: 500 reports made 500 cases; Open311 took 2,000 of 2,000). */
@IntegrationTest
class PublicWritesThrottledTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ThrottleProperties throttles;

    private static RequestPostProcessor from(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }

    @Test
    void oneClientReportingOverAndOverIsStoppedWith429AndAFriendlyPage() throws Exception {
        int burst = throttles.limit("public").clientBurst();
        long before = jdbc.sql("select count(*) from cases_case").query(Long.class).single();
        int created = 0;
        for (int i = 0; i < burst + 5; i++) {
            int status = mvc.perform(multipart("/report").with(csrf()).with(from("198.51.100.31")).param("categoryCode", "C0111")
                            .param("townCode", "330182104").param("longitude", "119.468").param("latitude", "29.552").param("description", "洪水般的举报 " + i))
                    .andReturn().getResponse().getStatus();
            if (status / 100 == 3) {
                created++;
            } else {
                assertThat(status).isEqualTo(429);
            }
        }
        assertThat(created).isEqualTo(burst);
        assertThat(jdbc.sql("select count(*) from cases_case").query(Long.class).single()).isEqualTo(before + burst);
        mvc.perform(multipart("/report").with(csrf()).with(from("198.51.100.31")).param("categoryCode", "C0111")
                        .param("townCode", "330182104").param("longitude", "119.468").param("latitude", "29.552").param("description", "再来一次").header("Accept", "text/html"))
                .andExpect(status().isTooManyRequests()).andExpect(header().exists("Retry-After"));
        // someone else is not held up
        mvc.perform(multipart("/report").with(csrf()).with(from("198.51.100.32")).param("categoryCode", "C0111")
                        .param("townCode", "330182104").param("longitude", "119.468").param("latitude", "29.552").param("description", "正常举报"))
                .andExpect(status().is3xxRedirection());
    }

    @Test
    void anOpen311ClientWithAKeyIsThrottledWithAProblemDetail() throws Exception {
        int burst = throttles.limit("open311").clientBurst();
        for (int i = 0; i < burst; i++) {
            mvc.perform(post("/open311/v2/requests.json").with(from("198.51.100.41")).param("service_code", "E0102"))
                    .andExpect(result -> assertThat(result.getResponse().getStatus()).isNotEqualTo(429));
        }
        mvc.perform(post("/open311/v2/requests.json").with(from("198.51.100.41")).param("service_code", "E0102"))
                .andExpect(status().isTooManyRequests()).andExpect(header().exists("Retry-After"))
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.status").value(429)).andExpect(jsonPath("$.detail", Matchers.not(Matchers.emptyString())));
    }
}
