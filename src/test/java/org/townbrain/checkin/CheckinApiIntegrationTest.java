package org.townbrain.checkin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.townbrain.support.IntegrationTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

@IntegrationTest
class CheckinApiIntegrationTest {

    static final String MEICHENG = "330182104";
    static final String SHOUCHANG = "330182109";
    private static final AtomicInteger CLIENTS = new AtomicInteger();

    @Autowired MockMvc mvc;
    @Autowired ObjectMapper json;
    @Autowired JdbcClient jdbc;
    @Autowired Retention retention;
    @Autowired CheckinProperties properties;
    @Autowired org.townbrain.platform.throttle.ThrottleProperties throttles;

    /** Each test checks in from its own address, so the per-client rate limit of one does not touch another. */
    private final String client = "10.66.0." + CLIENTS.incrementAndGet();

    @Test
    void townStaffRegisterAVenueAndGetItsCodeAndUrl() throws Exception {
        String body = mvc.perform(post("/api/checkin/venues").with(httpBasic("meicheng", "demo"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"梅城老街东入口\",\"townCode\":\"" + MEICHENG + "\",\"type\":\"GATE\"}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        JsonNode answer = json.readTree(body);
        String code = answer.get("code").asString();
        assertThat(code).matches("[0-9A-HJKMNP-TV-Z]{10}");
        assertThat(answer.get("url").asString()).endsWith("/C/" + code).isUpperCase();
    }

    @Test
    void venuesOutsideTheCallersTownAreNotFoundAndOtherRolesCannotRegister() throws Exception {
        mvc.perform(post("/api/checkin/venues").with(httpBasic("meicheng", "demo")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"寿昌菜场\",\"townCode\":\"" + SHOUCHANG + "\",\"type\":\"MARKET\"}"))
                .andExpect(status().isNotFound());
        String code = venue("梅城菜场");
        mvc.perform(get("/api/checkin/venues/{c}/counts", code).with(httpBasic("shouchang", "demo")))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/checkin/venues/{c}/counts", code).with(httpBasic("county", "demo")))
                .andExpect(status().isOk());
        mvc.perform(post("/api/checkin/venues").with(httpBasic("grid.meicheng", "demo")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"x\",\"townCode\":\"" + MEICHENG + "\",\"type\":\"MARKET\"}"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/checkin/venues").with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"x\",\"townCode\":\"" + MEICHENG + "\",\"type\":\"MARKET\"}"))
                .andExpect(status().isUnauthorized());
        mvc.perform(get("/api/checkin/venues/{c}/counts", code)).andExpect(status().isUnauthorized());
    }

    @Test
    void firstVisitThenReturningVisitorWithTheTokenAndCounts() throws Exception {
        String code = venue("梅城便民服务中心");
        JsonNode first = checkIn(code, "{\"phone\":\"13900001111\",\"consent\":true}", null);
        String token = first.get("visitorToken").asString();
        assertThat(token).hasSize(43);
        assertThat(first.get("checkinId").asLong()).isPositive();

        // a second scan within the window is the same check-in, not two
        JsonNode again = checkIn(code, null, token);
        assertThat(again.get("checkinId").asLong()).isEqualTo(first.get("checkinId").asLong());
        assertThat(again.get("visitorToken").asString()).isEqualTo(token);

        // the same visitor at another venue: a new check-in, no phone needed
        String other = venue("梅城古城墙");
        JsonNode elsewhere = checkIn(other, "{}", token);
        assertThat(elsewhere.get("checkinId").asLong()).isNotEqualTo(first.get("checkinId").asLong());

        mvc.perform(get("/api/checkin/venues/{c}/counts", code).with(httpBasic("meicheng", "demo")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.today").value(1)).andExpect(jsonPath("$.present").value(1));

        // at rest the number is ciphertext only
        List<byte[]> stored = jdbc.sql("select v.phone_cipher from checkin_visitor v join checkin_checkin c on c.visitor_id = v.id "
                + "where c.id = :id").param("id", first.get("checkinId").asLong()).query(byte[].class).list();
        assertThat(stored).hasSize(1);
        assertThat(new String(stored.get(0), java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("13900001111");
    }

    @Test
    void badInputIsRefusedAndNothingIsStored() throws Exception {
        String code = venue("梅城码头");
        long before = rows();
        publicPost(code, "{\"phone\":\"1390000\",\"consent\":true}", null).andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.field").value("phone"));
        publicPost(code, "{\"phone\":\"13900002222\",\"consent\":false}", null).andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.field").value("consent"));
        publicPost(code, "{\"phone\":\"13900002222\"}", null).andExpect(status().isUnprocessableContent());
        publicPost(code, "{}", null).andExpect(status().isUnprocessableContent());
        publicPost(code, "{}", "forged-token").andExpect(status().isUnprocessableContent());
        publicPost(code, "{}", "A".repeat(43)).andExpect(status().isUnprocessableContent());
        publicPost(code, "not json", null).andExpect(status().isBadRequest());
        publicPost("ZZZZZZZZZZ", "{\"phone\":\"13900002222\",\"consent\":true}", null).andExpect(status().isNotFound());
        assertThat(rows()).isEqualTo(before);
        assertThat(jdbc.sql("select count(*) from checkin_visitor where consent_version is not null and phone_index is null "
                + "and name_cipher is null").query(Long.class).single()).isZero();
    }

    @Test
    void oneClientFloodingIsStoppedWith429() throws Exception {
        String code = venue("梅城广场");
        int burst = throttles.limit(PublicCheckinSecurity.LIMIT).clientBurst();
        for (int i = 0; i < burst; i++) {
            publicPost(code, "{\"phone\":\"1390000\",\"consent\":true}", null).andExpect(status().isUnprocessableContent());
        }
        publicPost(code, "{\"phone\":\"13900003333\",\"consent\":true}", null).andExpect(status().isTooManyRequests());
        assertThat(jdbc.sql("select count(*) from checkin_checkin c join checkin_venue v on v.id = c.venue_id where v.code = :c")
                .param("c", code).query(Long.class).single()).isZero();
    }

    @Test
    void purgeDeletesIdentifiableRowsAfterRetentionAndKeepsDailyCounts() throws Exception {
        String code = venue("梅城旧仓库");
        JsonNode old = checkIn(code, "{\"phone\":\"13900004444\",\"consent\":true}", null);
        JsonNode recent = checkIn(venue("梅城新仓库"), "{\"phone\":\"13900005555\",\"consent\":true}", null);
        Instant longAgo = Instant.now().minus(properties.retention()).minus(3, ChronoUnit.DAYS);
        jdbc.sql("update checkin_checkin set checked_in_at = :t where id = :id").param("t", Timestamp.from(longAgo))
                .param("id", old.get("checkinId").asLong()).update();
        jdbc.sql("update checkin_visitor set last_seen_at = :t where id = (select visitor_id from checkin_checkin where id = :id)")
                .param("t", Timestamp.from(longAgo)).param("id", old.get("checkinId").asLong()).update();

        Retention.Purged purged = retention.purge();

        assertThat(purged.checkins()).isGreaterThanOrEqualTo(1);
        assertThat(jdbc.sql("select count(*) from checkin_checkin where id = :id").param("id", old.get("checkinId").asLong())
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from checkin_checkin where id = :id").param("id", recent.get("checkinId").asLong())
                .query(Long.class).single()).isOne();
        assertThat(jdbc.sql("select count(*) from checkin_visitor_token where token_hash = :h")
                .param("h", new VisitorToken(old.get("visitorToken").asString()).hash()).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select sum(d.checkins) from checkin_daily_count d join checkin_venue v on v.id = d.venue_id "
                + "where v.code = :c").param("c", code).query(Long.class).single()).isEqualTo(1L);
        // the old visitor's token no longer works: they are a first-time visitor again
        publicPost(code, "{}", old.get("visitorToken").asString()).andExpect(status().isUnprocessableContent());
    }

    @Test
    void visitorsWhoStayPastTheLimitAreCheckedOutAutomatically() throws Exception {
        String code = venue("梅城茶馆");
        JsonNode stayed = checkIn(code, "{\"phone\":\"13900007878\",\"consent\":true}", null);
        Instant arrived = Instant.now().minus(properties.autoCheckoutAfter()).minus(1, ChronoUnit.HOURS);
        jdbc.sql("update checkin_checkin set checked_in_at = :t where id = :id").param("t", Timestamp.from(arrived))
                .param("id", stayed.get("checkinId").asLong()).update();

        retention.autoCheckout();

        var row = jdbc.sql("select checked_out_at, auto_checkout from checkin_checkin where id = :id")
                .param("id", stayed.get("checkinId").asLong()).query((rs, n) -> new Object[] {rs.getTimestamp(1), rs.getBoolean(2)})
                .single();
        assertThat(((Timestamp) row[0]).toInstant()).isCloseTo(arrived.plus(properties.autoCheckoutAfter()),
                org.assertj.core.api.Assertions.within(1, ChronoUnit.MILLIS));
        assertThat((Boolean) row[1]).isTrue();
        // the next scan is a new visit, not the old one
        assertThat(checkIn(code, null, stayed.get("visitorToken").asString()).get("checkinId").asLong())
                .isNotEqualTo(stayed.get("checkinId").asLong());
    }

    @Test
    void traceQueriesAreForDutyOfficersWithAReasonAndAreAudited() throws Exception {
        String code = venue("梅城医院门口");
        checkIn(code, "{\"phone\":\"13900006666\",\"consent\":true}", null);
        String window = "\"from\":\"" + Instant.now().minus(1, ChronoUnit.HOURS) + "\",\"to\":\"" + Instant.now().plus(1, ChronoUnit.HOURS) + "\"";
        long audited = audits();

        mvc.perform(post("/api/checkin/trace/venue").with(httpBasic("meicheng", "demo")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"venueCode\":\"" + code + "\"," + window + ",\"reason\":\"想看看\"}")).andExpect(status().isForbidden());
        mvc.perform(post("/api/checkin/trace/venue").with(httpBasic("duty", "demo")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"venueCode\":\"" + code + "\"," + window + ",\"reason\":\"\"}")).andExpect(status().isUnprocessableContent());
        assertThat(audits()).isEqualTo(audited);

        mvc.perform(post("/api/checkin/trace/venue").with(httpBasic("duty", "demo")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"venueCode\":\"" + code + "\"," + window + ",\"reason\":\"疾控通报密接排查 2026-118\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$[0].phone").value("13900006666"));
        mvc.perform(post("/api/checkin/trace/phone").with(httpBasic("duty", "demo")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"phone\":\"13900006666\"," + window + ",\"reason\":\"疾控通报密接排查 2026-118\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$[0].venueCode").value(code));

        List<String> entries = jdbc.sql("select action || ' ' || target from access_audit where action like 'checkin.trace.%' "
                + "and username = 'duty' order by id desc limit 2").query(String.class).list();
        assertThat(entries).hasSize(2).allSatisfy(e -> assertThat(e).contains("疾控通报密接排查").doesNotContain("13900006666"));
        assertThat(entries.get(1)).contains(code);
    }

    private long rows() {
        return jdbc.sql("select count(*) from checkin_checkin").query(Long.class).single();
    }

    private long audits() {
        return jdbc.sql("select count(*) from access_audit where action like 'checkin.trace.%'").query(Long.class).single();
    }

    String venue(String name) throws Exception {
        String body = mvc.perform(post("/api/checkin/venues").with(httpBasic("meicheng", "demo"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"" + name + "\",\"townCode\":\"" + MEICHENG + "\",\"type\":\"PUBLIC_SERVICE\"}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return json.readTree(body).get("code").asString();
    }

    private JsonNode checkIn(String code, String body, String token) throws Exception {
        String answer = publicPost(code, body, token).andExpect(status().isCreated()).andReturn().getResponse()
                .getContentAsString();
        return json.readTree(answer);
    }

    private org.springframework.test.web.servlet.ResultActions publicPost(String code, String body, String token)
            throws Exception {
        MockHttpServletRequestBuilder request = post("/api/checkin/{c}", code).with(from(client))
                .contentType(MediaType.APPLICATION_JSON);
        if (body != null) {
            request.content(body);
        }
        if (token != null) {
            request.header("X-Visitor-Token", token);
        }
        return mvc.perform(request);
    }

    private static RequestPostProcessor from(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }
}
