package org.townbrain.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.townbrain.support.IntegrationTest;

/**
 * The inspector's 明查暗访 as issue #17 found it broken: a finding recorded from an inspection
 * belongs to the inspected town without choosing it, the inspector goes straight back to record
 * the next one, and issues the supervision order the inspection produced.
 */
@IntegrationTest
class InspectionFindingsTest {

    static final String SHOUCHANG = "330182109";

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Test
    void anInspectorRecordsFindingsOneAfterAnotherInTheInspectedTownAndIssuesTheOrder() throws Exception {
        String location = mvc.perform(post("/inspections").with(httpBasic("inspector", "demo")).param("title", "明查 " + UUID.randomUUID())
                        .param("mode", "OPEN").param("townCode", SHOUCHANG).param("heldOn", LocalDate.now().toString()))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        long inspection = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));

        // the form offers the inspected town only (the inspector's scope is the whole county)
        String form = mvc.perform(get("/cases/new").param("inspection", String.valueOf(inspection))
                        .with(httpBasic("inspector", "demo")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(form).contains("id=\"for-inspection\"").contains("寿昌镇");
        String townSelect = form.substring(form.indexOf("name=\"townCode\""), form.indexOf("</select>", form.indexOf("name=\"townCode\"")));
        assertThat(townSelect.split("<option", -1)).as("one option: 寿昌镇").hasSize(2);
        assertThat(townSelect).contains("value=\"" + SHOUCHANG + "\"");

        for (String problem : new String[] {"沿街店招破损", "绿地黄土裸露"}) {
            // no town sent: the inspection decides it; back to the inspection for the next finding
            String back = mvc.perform(multipart("/cases/new").with(httpBasic("inspector", "demo")).param("categoryCode", "E0202")
                            .param("longitude", "119.221").param("latitude", "29.381").param("description", problem)
                            .param("inspection", String.valueOf(inspection)))
                    .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
            assertThat(back).startsWith("/inspections/" + inspection + "?added=");
        }
        String page = mvc.perform(get("/inspections/" + inspection).param("added", "2026-0000001").with(httpBasic("inspector", "demo")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page.indexOf("id=\"add-finding\"")).as("the next finding is above the list").isPositive()
                .isLessThan(page.indexOf("沿街店招破损"));
        assertThat(page).contains("已记录问题 2026-0000001");

        String orderUrl = mvc.perform(post("/inspections/" + inspection + "/order").with(httpBasic("inspector", "demo"))
                        .param("title", "寿昌镇明查问题整改督办").param("deadline", LocalDate.now().plusDays(10).toString()))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        long order = Long.parseLong(orderUrl.substring(orderUrl.lastIndexOf('/') + 1));
        assertThat(jdbc.sql("select count(*) from cases_case where order_id = :o and town_code = :t and inspection_id = :i")
                .param("o", order).param("t", SHOUCHANG).param("i", inspection).query(Integer.class).single()).isEqualTo(2);
        // a town's staff still cannot issue one
        mvc.perform(post("/inspections/" + inspection + "/order").with(httpBasic("shouchang", "demo"))
                        .param("title", "x").param("deadline", LocalDate.now().plusDays(10).toString()))
                .andExpect(status().isForbidden());
    }
}
