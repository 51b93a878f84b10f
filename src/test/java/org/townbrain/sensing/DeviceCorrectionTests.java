package org.townbrain.sensing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.townbrain.support.IntegrationTest;

/**
 * A registered sensor's name, position, rim level, gauge and limits can be corrected by the
 * town's staff, with 409 on a stale version; the running forecaster takes the new rim at once.
 */
@IntegrationTest
class DeviceCorrectionTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    LiveForecaster live;

    @Test
    void aManholesRimAndGaugeAreCorrectedAndTheForecasterTakesThem() throws Exception {
        register("{\"id\":\"DC-RG1\",\"kind\":\"RAIN_GAUGE\",\"townCode\":\"330182104\",\"name\":\"梅城雨量计\"}");
        register("{\"id\":\"DC-MH1\",\"kind\":\"MANHOLE_LEVEL\",\"townCode\":\"330182104\",\"name\":\"梅城一号井\",\"rimLevel\":2.0}");
        live.ready(List.of("DC-MH1", "DC-RG1"), Instant.now());
        assertThat(live.spec("DC-MH1").rimLevel()).isEqualTo(2.0);

        String correction = """
                {"version":%d,"name":"梅城一号井（南）","lat":29.55,"lon":119.49,"rimLevel":%s,"gaugeId":"%s","thresholdHigh":1.2}""";
        mvc.perform(put("/api/sensing/devices/DC-MH1").with(httpBasic("meicheng", "demo")).contentType(MediaType.APPLICATION_JSON)
                        .content(correction.formatted(0, "1.5", "DC-RG1")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.rimLevel").value(1.5)).andExpect(jsonPath("$.gaugeId").value("DC-RG1"))
                .andExpect(jsonPath("$.name").value("梅城一号井（南）")).andExpect(jsonPath("$.version").value(1));
        assertThat(live.spec("DC-MH1").rimLevel()).as("taken at once").isEqualTo(1.5);
        assertThat(live.spec("DC-MH1").gaugeId()).isEqualTo("DC-RG1");

        // someone else's edit from the same version: 409, the first stands
        mvc.perform(put("/api/sensing/devices/DC-MH1").with(httpBasic("meicheng", "demo")).contentType(MediaType.APPLICATION_JSON)
                        .content(correction.formatted(0, "3.0", "DC-RG1")))
                .andExpect(status().isConflict());
        // another town's staff do not see it; bad values are refused and nothing changes
        mvc.perform(put("/api/sensing/devices/DC-MH1").with(httpBasic("shouchang", "demo")).contentType(MediaType.APPLICATION_JSON)
                        .content(correction.formatted(1, "3.0", "DC-RG1")))
                .andExpect(status().isNotFound());
        mvc.perform(put("/api/sensing/devices/DC-MH1").with(httpBasic("meicheng", "demo")).contentType(MediaType.APPLICATION_JSON)
                        .content(correction.formatted(1, "1.5", "NO-SUCH-GAUGE")))
                .andExpect(status().isUnprocessableContent()).andExpect(jsonPath("$.field").value("gaugeId"));
        mvc.perform(put("/api/sensing/devices/DC-MH1").with(httpBasic("meicheng", "demo")).contentType(MediaType.APPLICATION_JSON)
                        .content(correction.formatted(1, "-1", "DC-RG1")))
                .andExpect(status().isUnprocessableContent()).andExpect(jsonPath("$.field").value("rimLevel"));
        mvc.perform(get("/api/sensing/devices/DC-MH1").with(httpBasic("meicheng", "demo")))
                .andExpect(jsonPath("$.rimLevel").value(1.5)).andExpect(jsonPath("$.version").value(1));

        // the page's form does the same
        mvc.perform(post("/sensing/devices/DC-MH1").with(httpBasic("meicheng", "demo")).with(csrf()).param("version", "1")
                        .param("name", "梅城一号井").param("rimLevel", "1.8").param("gaugeId", ""))
                .andExpect(status().is3xxRedirection());
        assertThat(live.spec("DC-MH1").rimLevel()).isEqualTo(1.8);
        assertThat(live.spec("DC-MH1").gaugeId()).isNull();
        String page = mvc.perform(get("/sensing/devices/DC-MH1").with(httpBasic("meicheng", "demo")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("id=\"device-form\"").contains("value=\"1.8\"");
    }

    private void register(String json) throws Exception {
        mvc.perform(post("/api/sensing/devices").with(httpBasic("meicheng", "demo")).contentType(MediaType.APPLICATION_JSON)
                .content(json)).andExpect(status().isCreated());
    }
}
