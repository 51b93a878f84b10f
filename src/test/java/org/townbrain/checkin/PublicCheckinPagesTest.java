package org.townbrain.checkin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.townbrain.support.IntegrationTest;
import tools.jackson.databind.ObjectMapper;

/** The no-JavaScript pages a visitor's camera opens, and the staff pages around them. */
@IntegrationTest
class PublicCheckinPagesTest {

    @Autowired MockMvc mvc;
    @Autowired ObjectMapper json;

    @Test
    void firstVisitAsksForPhoneAndSeparateUntickedConsentThenRemembersTheVisitor() throws Exception {
        String code = venue();
        String page = mvc.perform(get("/C/{c}", code)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("name=\"phone\"").contains("name=\"consent\"").contains("28 天")
                .doesNotContain("checked").doesNotContain("<script").doesNotContain("leaflet").doesNotContain("echarts");
        assertThat(page.length()).as("a small page").isLessThan(8_000);

        mvc.perform(post("/c/{c}", code).param("phone", "13900007777").param("consent", "yes"))
                .andExpect(status().isForbidden()); // no CSRF token: a forged form
        mvc.perform(post("/c/{c}", code).with(csrf()).with(from("10.67.0.1")).param("phone", "13900007777"))
                .andExpect(status().isUnprocessableContent()).andExpect(content().string(org.hamcrest.Matchers.containsString("勾选同意")));

        MvcResult done = mvc.perform(post("/c/{c}", code).with(csrf()).with(from("10.67.0.1"))
                        .param("phone", "139 0000 7777").param("consent", "yes"))
                .andExpect(status().is3xxRedirection()).andReturn();
        String location = done.getResponse().getRedirectedUrl();
        assertThat(location).startsWith("/c/" + code + "/ok/").doesNotContain("13900007777");
        Cookie cookie = done.getResponse().getCookie(PublicCheckinPages.COOKIE);
        assertThat(cookie).isNotNull();
        assertThat(cookie.isHttpOnly()).isTrue();
        assertThat(cookie.getValue()).doesNotContain("13900007777").hasSize(43);

        mvc.perform(get(location).cookie(cookie)).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("139****7777")));
        String returning = mvc.perform(get("/c/{c}", code).cookie(cookie)).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString();
        assertThat(returning).contains("确认签到").contains("139****7777").doesNotContain("name=\"phone\"")
                .doesNotContain("13900007777");
        mvc.perform(post("/c/{c}", code).with(csrf()).with(from("10.67.0.1")).cookie(cookie))
                .andExpect(status().is3xxRedirection()).andExpect(header().string("Location", location));
        mvc.perform(post("/c/{c}/out", code).with(csrf()).with(from("10.67.0.1")).cookie(cookie))
                .andExpect(status().isOk()).andExpect(content().string(org.hamcrest.Matchers.containsString("已签离")));
    }

    @Test
    void unknownOrRetiredCodesGetAFriendly404() throws Exception {
        mvc.perform(get("/c/{c}", "ZZZZZZZZZZ")).andExpect(status().isNotFound())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("找不到该场所")));
        mvc.perform(get("/c/{c}", "abc%2F..")).andExpect(status().is4xxClientError());
        String code = venue();
        mvc.perform(post("/checkin/venues/{c}/retire", code).with(httpBasic("meicheng", "demo")).with(csrf())
                .param("version", "0")).andExpect(status().is3xxRedirection());
        mvc.perform(get("/c/{c}", code)).andExpect(status().isNotFound());
    }

    @Test
    void staffSeeTheVenueWithPostersAndRegisterSomeoneWithoutAPhone() throws Exception {
        String code = venue();
        mvc.perform(get("/checkin").with(httpBasic("meicheng", "demo"))).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString(code)));
        mvc.perform(post("/checkin/venues/{c}/register", code).with(httpBasic("meicheng", "demo")).with(csrf())
                .param("name", "王大伯").param("consent", "yes")).andExpect(status().is3xxRedirection());
        String page = mvc.perform(get("/checkin/venues/{c}", code).with(httpBasic("meicheng", "demo")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("王**").doesNotContain("王大伯");
        mvc.perform(get("/checkin/venues/{c}/counts", code).with(httpBasic("meicheng", "demo")).header("HX-Request", "true"))
                .andExpect(status().isOk()).andExpect(content().string(org.hamcrest.Matchers.containsString("count-today")));
        byte[] png = mvc.perform(get("/checkin/venues/{c}/poster.png", code).with(httpBasic("meicheng", "demo")))
                .andExpect(status().isOk()).andExpect(content().contentType(MediaType.IMAGE_PNG)).andReturn().getResponse()
                .getContentAsByteArray();
        assertThat(png).startsWith(new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        byte[] pdf = mvc.perform(get("/checkin/venues/{c}/poster.pdf", code).with(httpBasic("meicheng", "demo")))
                .andExpect(status().isOk()).andExpect(content().contentType(MediaType.APPLICATION_PDF)).andReturn()
                .getResponse().getContentAsByteArray();
        assertThat(new String(pdf, 0, 8, java.nio.charset.StandardCharsets.ISO_8859_1)).startsWith("%PDF-1.4");
        mvc.perform(get("/checkin/venues/{c}", code).with(httpBasic("shouchang", "demo"))).andExpect(status().isNotFound());
        mvc.perform(get("/checkin/venues/{c}/poster.png", code).with(httpBasic("shouchang", "demo"))).andExpect(status().isNotFound());
        mvc.perform(get("/checkin/trace").with(httpBasic("meicheng", "demo"))).andExpect(status().isForbidden());
        mvc.perform(get("/checkin/trace").with(httpBasic("duty", "demo"))).andExpect(status().isOk());
    }

    private String venue() throws Exception {
        String body = mvc.perform(post("/api/checkin/venues").with(httpBasic("meicheng", "demo"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"梅城镇文化礼堂\",\"townCode\":\"330182104\",\"type\":\"PUBLIC_SERVICE\"}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return json.readTree(body).get("code").asString();
    }

    private static org.springframework.test.web.servlet.request.RequestPostProcessor from(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }
}
