package org.townbrain.region;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.townbrain.support.IntegrationTest;

/** The sourced seat positions of the demo county: loaded once, shown with their source, corrected by a county admin. */
@IntegrationTest
class RegionSeatsTest {

    static final String DAYANG = "330182107";
    static final String BAISHA = "330182001020";

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JiandeDemoCounty demo;

    @AfterEach
    void restoreTheSourcedSeats() {
        // a correction is never overwritten by the loader: clear it, then load the sourced seat again
        for (String table : new String[] {"region_town", "region_village"}) {
            jdbc.sql("update " + table + " set longitude = null, latitude = null where position_source = 'COUNTY_ADMIN'")
                    .update();
        }
        demo.loadSeats();
    }

    @Test
    void everyTownHasItsSourcedSeatAndVillagesWithoutOneSayNull() throws Exception {
        mvc.perform(get("/api/regions/towns").with(httpBasic("county", "demo")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.seat == null)]", org.hamcrest.Matchers.hasSize(0)))
                .andExpect(jsonPath("$[?(@.code == '330182104')].seat.latitude").value(29.543783))
                .andExpect(jsonPath("$[?(@.code == '330182104')].seat.longitude").value(119.499109));
        mvc.perform(get("/api/regions/towns/330182001/villages").with(httpBasic("county", "demo")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.code == '330182001020')].seat.latitude").value(29.466080))
                .andExpect(jsonPath("$[?(@.code == '330182001032')].seat").value(org.hamcrest.Matchers.contains((Object) null)));
        // 大洋镇: the source has no village of it, so none is invented
        assertThat(jdbc.sql("select count(*) from region_village where town_code = :t and longitude is not null")
                .param("t", DAYANG).query(Integer.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from region_village where longitude is not null").query(Integer.class).single())
                .isEqualTo(17);
    }

    @Test
    void theLoadIsIdempotentAndReachesADatabaseLoadedBeforeTheSeats() throws Exception {
        assertThat(demo.loadSeats()).as("a second load changes nothing").isZero();
        // a database from before the seats: the county is there, the seats are not
        jdbc.sql("update region_town set longitude = null, latitude = null, position_source = null where code = :c")
                .param("c", DAYANG).update();
        jdbc.sql("update region_village set longitude = null, latitude = null, position_source = null where code = :c")
                .param("c", BAISHA).update();
        demo.run(new DefaultApplicationArguments());
        assertThat(jdbc.sql("select latitude || ',' || longitude || ',' || position_source from region_town where code = :c")
                .param("c", DAYANG).query(String.class).single()).isEqualTo("29.442694,119.507288,ADCODE");
        assertThat(jdbc.sql("select position_source from region_village where code = :c").param("c", BAISHA)
                .query(String.class).single()).isEqualTo("ADCODE");
        demo.run(new DefaultApplicationArguments());
        assertThat(demo.loadSeats()).isZero();
    }

    @Test
    void aCountyAdminCorrectsATownSeatAndTheCorrectionStays() throws Exception {
        int version = version("region_town", DAYANG);
        mvc.perform(put("/api/regions/towns/" + DAYANG + "/seat").with(httpBasic("county", "demo"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"latitude\":29.45,\"longitude\":119.51,\"version\":" + version + "}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.seat.latitude").value(29.45))
                .andExpect(jsonPath("$.version").value(version + 1));
        assertThat(jdbc.sql("select position_source || ' ' || position_by from region_town where code = :c").param("c", DAYANG)
                .query(String.class).single()).isEqualTo("COUNTY_ADMIN county");
        assertThat(demo.loadSeats()).as("the loader never overwrites a correction").isZero();
        mvc.perform(get("/api/regions/towns/" + DAYANG).with(httpBasic("county", "demo")))
                .andExpect(jsonPath("$.seat.longitude").value(119.51));
        mvc.perform(get("/towns/" + DAYANG).with(httpBasic("county", "demo")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("位置来源：县级管理员校正（county，")));

        // the same stale version again: someone else's change is not overwritten
        mvc.perform(put("/api/regions/towns/" + DAYANG + "/seat").with(httpBasic("county", "demo"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"latitude\":29.46,\"longitude\":119.52,\"version\":" + version + "}"))
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void onlyACountyAdminCorrectsAndOnlyInsideTheCounty() throws Exception {
        int version = version("region_town", "330182104");
        mvc.perform(put("/api/regions/towns/330182104/seat").with(httpBasic("meicheng", "demo"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"latitude\":29.55,\"longitude\":119.5,\"version\":" + version + "}"))
                .andExpect(status().isForbidden());
        // 杭州 city centre: in China, not in Jiande
        mvc.perform(put("/api/regions/towns/330182104/seat").with(httpBasic("county", "demo"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"latitude\":30.27,\"longitude\":120.15,\"version\":" + version + "}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(put("/api/regions/villages/" + BAISHA + "/seat").with(httpBasic("county", "demo"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"latitude\":30.27,\"longitude\":120.15,\"version\":" + version("region_village", BAISHA) + "}"))
                .andExpect(status().isUnprocessableContent());
        mvc.perform(put("/api/regions/villages/" + BAISHA + "/seat").with(httpBasic("county", "demo"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"latitude\":29.467}"))
                .andExpect(status().isUnprocessableContent());
        assertThat(jdbc.sql("select position_source from region_town where code = '330182104'").query(String.class).single())
                .isEqualTo("ADCODE");
        int villageVersion = version("region_village", BAISHA);
        mvc.perform(put("/api/regions/villages/" + BAISHA + "/seat").with(httpBasic("county", "demo"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"latitude\":29.4665,\"longitude\":119.2785,\"version\":" + villageVersion + "}"))
                .andExpect(status().isOk());
        mvc.perform(get("/villages/" + BAISHA).with(httpBasic("county", "demo")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("位置来源：县级管理员校正")));
    }

    @Test
    void thePagesSayWhereEachPositionComesFromOrThatItIsUnknown() throws Exception {
        mvc.perform(get("/towns/330182104").with(httpBasic("county", "demo")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("位置来源：Vonng/adcode")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("（WGS-84）")));
        mvc.perform(get("/villages/330182001032").with(httpBasic("county", "demo")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("位置未知")));
        mvc.perform(get("/overview").with(httpBasic("county", "demo")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("16 个来自 Vonng/adcode")));
    }

    private int version(String table, String code) {
        return jdbc.sql("select version from " + table + " where code = :c").param("c", code).query(Integer.class).single();
    }
}
