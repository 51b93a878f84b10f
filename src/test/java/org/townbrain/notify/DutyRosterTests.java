package org.townbrain.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.townbrain.support.IntegrationTest;
import tools.jackson.databind.ObjectMapper;

@IntegrationTest
class DutyRosterTests {

    static final String MEICHENG = "330182104";
    static final String SHOUCHANG = "330182109";

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ObjectMapper json;

    private long add(String user, String town, String name, String target) throws Exception {
        String answer = mvc.perform(post("/api/notify/roster").with(httpBasic(user, "demo")).contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"townCode":%s,"name":"%s","channel":"WEBHOOK","target":"%s","minSeverity":0}"""
                                .formatted(town == null ? "null" : "\"" + town + "\"", name, target)))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return json.readTree(answer).get("id").asLong();
    }

    @Test
    void aTownSeesAndEditsOnlyItsOwnRoster() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        long county = add("county", null, "市防汛值班群 " + tag, "http://127.0.0.1:9/county");
        long shouchang = add("shouchang", SHOUCHANG, "寿昌值班群 " + tag, "http://127.0.0.1:9/shouchang");
        long meicheng = add("meicheng", MEICHENG, "梅城值班群 " + tag, "https://oapi.dingtalk.com/robot/send?access_token=SECRET" + tag);

        // another town, every town, or an unknown town: refused, nothing stored
        for (String town : new String[] {"\"" + SHOUCHANG + "\"", "null", "\"330182999\""}) {
            mvc.perform(post("/api/notify/roster").with(httpBasic("meicheng", "demo")).contentType(MediaType.APPLICATION_JSON)
                            .content("""
                                    {"townCode":%s,"name":"越权 %s","channel":"WEBHOOK","target":"http://x.example/h"}""".formatted(town, tag)))
                    .andExpect(status().isUnprocessableContent());
        }
        assertThat(jdbc.sql("select count(*) from notify_roster where name = :n").param("n", "越权 " + tag)
                .query(Integer.class).single()).isZero();

        mvc.perform(get("/notify").with(httpBasic("meicheng", "demo")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("梅城值班群 " + tag)))
                .andExpect(content().string(not(containsString("寿昌值班群 " + tag))))
                .andExpect(content().string(not(containsString("市防汛值班群 " + tag))))
                .andExpect(content().string(not(containsString("SECRET" + tag))));
        mvc.perform(get("/notify").with(httpBasic("county", "demo")))
                .andExpect(content().string(containsString("寿昌值班群 " + tag)))
                .andExpect(content().string(containsString("市防汛值班群 " + tag)));

        mvc.perform(delete("/api/notify/roster/" + shouchang).with(httpBasic("meicheng", "demo"))).andExpect(status().isNotFound());
        mvc.perform(delete("/api/notify/roster/" + county).with(httpBasic("meicheng", "demo"))).andExpect(status().isNotFound());
        mvc.perform(post("/notify/roster/" + meicheng + "/deactivate").with(httpBasic("meicheng", "demo")).with(csrf()))
                .andExpect(redirectedUrl("/notify"));
        assertThat(jdbc.sql("select active from notify_roster where id in (:ids) order by id").param("ids", List.of(county, shouchang, meicheng))
                .query(Boolean.class).list()).containsExactly(true, true, false);

        mvc.perform(get("/notify").with(httpBasic("grid.meicheng", "demo"))).andExpect(status().isForbidden());
        mvc.perform(get("/api/notify/deliveries").with(httpBasic("grid.meicheng", "demo"))).andExpect(status().isForbidden());
    }

    @Test
    void aTestMessageReachesTheGroupAndAFailedDeliveryCanBeSentAgain() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        HttpServer hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hook.createContext("/", exchange -> {
            received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            // the first call fails, as a robot does when its group is rate limited
            exchange.sendResponseHeaders(calls.getAndIncrement() == 0 ? 503 : 200, -1);
            exchange.close();
        });
        hook.start();
        try {
            String tag = UUID.randomUUID().toString().substring(0, 6);
            long entry = add("meicheng", MEICHENG, "梅城测试群 " + tag, "http://127.0.0.1:" + hook.getAddress().getPort() + "/hook");

            mvc.perform(post("/notify/roster/" + entry + "/test").with(httpBasic("meicheng", "demo")).with(csrf()))
                    .andExpect(redirectedUrl("/notify"));
            await().atMost(Duration.ofSeconds(10)).until(() -> calls.get() == 1);
            long delivery = jdbc.sql("select id from notify_delivery where reference = :r").param("r", "test:" + entry)
                    .query(Long.class).single();
            await().atMost(Duration.ofSeconds(5)).until(() -> "PENDING".equals(deliveryStatus(delivery)) && attempts(delivery) == 1);
            assertThat(received.get(0)).contains("测试");

            // a delivery still being retried cannot be pushed again; one given up on can
            mvc.perform(post("/api/notify/deliveries/" + delivery + "/retry").with(httpBasic("meicheng", "demo")))
                    .andExpect(status().isConflict());
            jdbc.sql("update notify_delivery set status = 'FAILED', next_attempt_at = null where id = :id").param("id", delivery).update();
            mvc.perform(get("/notify").param("status", "FAILED").with(httpBasic("meicheng", "demo")))
                    .andExpect(content().string(containsString("/notify/deliveries/" + delivery + "/retry")));
            mvc.perform(post("/api/notify/deliveries/" + delivery + "/retry").with(httpBasic("shouchang", "demo")))
                    .andExpect(status().isNotFound());
            mvc.perform(post("/notify/deliveries/" + delivery + "/retry").with(httpBasic("meicheng", "demo")).with(csrf()))
                    .andExpect(status().is3xxRedirection());
            await().atMost(Duration.ofSeconds(10)).until(() -> "SENT".equals(deliveryStatus(delivery)));
            assertThat(calls.get()).isEqualTo(2);

            mvc.perform(get("/api/notify/deliveries").param("status", "SENT").with(httpBasic("meicheng", "demo")))
                    .andExpect(jsonPath("$[?(@.id == " + delivery + ")].recipient").value(org.hamcrest.Matchers.hasItem("梅城测试群 " + tag)));
            mvc.perform(get("/api/notify/deliveries").with(httpBasic("shouchang", "demo")))
                    .andExpect(content().string(not(containsString("梅城测试群 " + tag))));
        } finally {
            hook.stop(0);
        }
    }

    @Test
    void aBadEntryFromThePageIsShownBackWithTheReason() throws Exception {
        mvc.perform(post("/notify/roster").with(httpBasic("meicheng", "demo")).with(csrf())
                        .param("townCode", MEICHENG).param("name", "坏地址").param("channel", "SMS").param("target", "12ab")
                        .param("minSeverity", "3"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("手机号无效")))
                .andExpect(content().string(containsString("value=\"坏地址\"")));
        assertThat(jdbc.sql("select count(*) from notify_roster where name = '坏地址'").query(Integer.class).single()).isZero();
    }

    private String deliveryStatus(long delivery) {
        return jdbc.sql("select status from notify_delivery where id = :id").param("id", delivery).query(String.class).single();
    }

    private int attempts(long delivery) {
        return jdbc.sql("select attempts from notify_delivery where id = :id").param("id", delivery).query(Integer.class).single();
    }
}
