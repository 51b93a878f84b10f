package org.townbrain.sensing;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.townbrain.support.IntegrationTest;
import tools.jackson.databind.ObjectMapper;

@IntegrationTest
class SensingPagesTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    ObjectMapper json;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theMapDetailInboxAndReportShowASensorAndItsAlarmWhichCanBeAcknowledged() throws Exception {
        String id = "P-" + UUID.randomUUID().toString().substring(0, 8);
        String answer = mvc.perform(post("/api/sensing/devices").with(httpBasic("meicheng", "demo"))
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"id":"%s","kind":"MANHOLE_LEVEL","townCode":"330182104","name":"页面测试窨井","lat":29.55,"lon":119.49,"rimLevel":2.0,"thresholdHigh":1.0}"""
                                .formatted(id)))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        String token = json.readTree(answer).get("token").asString();
        Instant t = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(1, ChronoUnit.HOURS);
        StringBuilder batch = new StringBuilder("[");
        for (int i = 0; i < 4; i++) {
            batch.append(i == 0 ? "" : ",").append("{\"sensorId\":\"%s\",\"observedAt\":\"%s\",\"value\":1.2}"
                    .formatted(id, t.plusSeconds(300L * i)));
        }
        mvc.perform(post("/api/telemetry").header("Authorization", "Device " + token)
                .contentType(MediaType.APPLICATION_JSON).content(batch.append("]").toString())).andExpect(status().isOk());

        mvc.perform(get("/sensing").with(httpBasic("meicheng", "demo")))
                .andExpect(status().isOk()).andExpect(content().string(containsString("页面测试窨井")))
                .andExpect(content().string(containsString("data-sensors")));
        mvc.perform(get("/sensing").with(httpBasic("shouchang", "demo")))
                .andExpect(status().isOk()).andExpect(content().string(org.hamcrest.Matchers.not(containsString("页面测试窨井"))));
        mvc.perform(get("/sensing/devices/" + id).with(httpBasic("meicheng", "demo")))
                .andExpect(status().isOk()).andExpect(content().string(containsString("readings-chart")));
        mvc.perform(get("/sensing/report").with(httpBasic("meicheng", "demo")))
                .andExpect(status().isOk()).andExpect(content().string(containsString("页面测试窨井")));
        mvc.perform(get("/sensing/alarms").with(httpBasic("meicheng", "demo")))
                .andExpect(status().isOk()).andExpect(content().string(containsString(id)));

        long alarmId = jdbc.sql("select id from sensing_alarm where sensor_id = :id and type = 'THRESHOLD'").param("id", id)
                .query(Long.class).single();
        mvc.perform(post("/sensing/alarms/" + alarmId + "/acknowledge").param("version", "0")
                        .with(httpBasic("meicheng", "demo")).with(csrf()))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/sensing/alarms"));
        mvc.perform(get("/sensing/alarms").with(httpBasic("meicheng", "demo")))
                .andExpect(content().string(containsString("已确认")));
    }
}
