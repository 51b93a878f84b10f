package org.townbrain.tourism;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Set;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.townbrain.platform.scope.Scope;
import org.townbrain.support.IntegrationTest;

@IntegrationTest
class TourismTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    TourismFigures figures;
    @Autowired
    Holidays holidays;
    @Autowired
    UserDetailsService users;

    @Test
    void theDemoReproducesMeichengsRecordNationalDay2020() throws Exception {
        mvc.perform(get("/api/tourism/holidays/2020/national-day").param("town", "330182104").with(httpBasic("county", "demo")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.visitors").value(403100))
                .andExpect(jsonPath("$.revenueYuan").value(41000000.00))
                .andExpect(jsonPath("$.days").value(8))
                .andExpect(jsonPath("$.dailyAverage").value(50387.5))
                .andExpect(jsonPath("$.record").value(true));
        mvc.perform(get("/api/tourism/holidays/2020/may-day").param("town", "330182109").with(httpBasic("county", "demo")))
                .andExpect(jsonPath("$.visitors").value(200000))
                .andExpect(jsonPath("$.revenueYuan").value(Matchers.greaterThan(10_000_000.0)));
    }

    @Test
    void aRecordIsADailyAverageAboveEveryEarlierYear() {
        String town = "330182001";
        holidays.save(2021, "lantern-test", "测试节", "Test fest", LocalDate.of(2021, 3, 1), LocalDate.of(2021, 3, 2));
        holidays.save(2022, "lantern-test", "测试节", "Test fest", LocalDate.of(2022, 3, 1), LocalDate.of(2022, 3, 3));
        holidays.save(2023, "lantern-test", "测试节", "Test fest", LocalDate.of(2023, 3, 1), LocalDate.of(2023, 3, 1));
        LocalDate today = LocalDate.of(2026, 1, 1);
        record(town, LocalDate.of(2021, 3, 1), 1000, today);
        record(town, LocalDate.of(2021, 3, 2), 1000, today);
        record(town, LocalDate.of(2022, 3, 1), 900, today);
        record(town, LocalDate.of(2022, 3, 2), 900, today);
        record(town, LocalDate.of(2022, 3, 3), 900, today);
        record(town, LocalDate.of(2023, 3, 1), 1001, today);

        HolidayReport y2022 = figures.holidayReport(2022, "lantern-test", "新安江", Set.of(town));
        assertThat(y2022.visitors()).as("more visitors in total...").isEqualTo(2700);
        assertThat(y2022.record()).as("...but a lower daily average is no record").isFalse();
        assertThat(y2022.yearOnYear()).isEqualTo(0.35);
        assertThat(figures.holidayReport(2023, "lantern-test", "新安江", Set.of(town)).record()).isTrue();
        assertThat(figures.holidayReport(2021, "lantern-test", "新安江", Set.of(town)).record())
                .as("the first year on record has nothing to beat").isFalse();
    }

    /** As the county office: only county and town staff record figures. */
    private void record(String town, LocalDate day, int visitors, LocalDate today) {
        var context = org.springframework.security.core.context.SecurityContextHolder.createEmptyContext();
        var county = users.loadUserByUsername("county");
        context.setAuthentication(org.springframework.security.authentication.UsernamePasswordAuthenticationToken
                .authenticated(county, null, county.getAuthorities()));
        org.springframework.security.core.context.SecurityContextHolder.setContext(context);
        try {
            figures.record(Scope.county(), town, day, visitors, new BigDecimal("100.00"), "ENTERED", "test", today);
        } finally {
            org.springframework.security.core.context.SecurityContextHolder.clearContext();
        }
    }

    @Test
    void townStaffEnterTheirOwnTownsFiguresOnly() throws Exception {
        mvc.perform(put("/api/tourism/daily/330182104/2024-06-03").with(httpBasic("meicheng", "demo"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"visitors\": 4321, \"revenueYuan\": 388000.50}"))
                .andExpect(status().isNoContent());
        mvc.perform(get("/api/tourism/daily").param("town", "330182104").param("from", "2024-06-03").param("to", "2024-06-03")
                        .with(httpBasic("meicheng", "demo")))
                .andExpect(jsonPath("$[0].visitors").value(4321))
                .andExpect(jsonPath("$[0].source").value("ENTERED"));
        mvc.perform(put("/api/tourism/daily/330182109/2024-06-03").with(httpBasic("meicheng", "demo"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"visitors\": 1, \"revenueYuan\": 1}"))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/tourism/holidays/2020/national-day").param("town", "330182109").with(httpBasic("meicheng", "demo")))
                .andExpect(status().isNotFound());
    }

    @Test
    void badFiguresAreRefusedWithAReason() throws Exception {
        mvc.perform(put("/api/tourism/daily/330182104/2999-01-01").with(httpBasic("meicheng", "demo"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"visitors\": 1, \"revenueYuan\": 1}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.field").value("day"));
        mvc.perform(put("/api/tourism/daily/330182104/2024-01-01").with(httpBasic("meicheng", "demo"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"visitors\": -5, \"revenueYuan\": 1}"))
                .andExpect(status().isBadRequest());
        mvc.perform(put("/api/tourism/daily/330182104/2024-01-01").with(httpBasic("meicheng", "demo"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"visitors\": 5, \"revenueYuan\": -1}"))
                .andExpect(status().isUnprocessableContent());
        mvc.perform(put("/api/tourism/daily/330182104/2024-01-01").with(httpBasic("meicheng", "demo"))
                        .contentType(MediaType.APPLICATION_JSON).content("{not json"))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/api/tourism/holidays/2020/no-such-day").with(httpBasic("county", "demo")))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/tourism/daily").param("from", "2020-01-01").param("to", "2024-01-01").with(httpBasic("county", "demo")))
                .andExpect(status().isUnprocessableContent());
    }

    @Test
    void excelRoundTripKeepsGoodRowsAndExplainsBadOnes() throws Exception {
        byte[] exported = mvc.perform(get("/tourism/daily.xlsx").param("from", "2023-07-01").param("to", "2023-07-02")
                        .param("town", "330182104").with(user(users.loadUserByUsername("meicheng"))))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsByteArray();
        assertThat(exported.length).isGreaterThan(1000);
        mvc.perform(multipart("/tourism/daily.xlsx").file(new MockMultipartFile("file", "t.xlsx", null, exported))
                        .with(user(users.loadUserByUsername("meicheng"))).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("导入 2 行，拒绝 0 行")));
        mvc.perform(multipart("/tourism/daily.xlsx").file(new MockMultipartFile("file", "t.xlsx", null, exported))
                        .with(user(users.loadUserByUsername("shouchang"))).with(csrf()))
                .andExpect(content().string(Matchers.containsString("导入 0 行，拒绝 2 行")));
        mvc.perform(multipart("/tourism/daily.xlsx").file(new MockMultipartFile("file", "t.xlsx", null, "not excel".getBytes()))
                        .with(user(users.loadUserByUsername("meicheng"))).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("不是有效的 XLSX")));
    }

    @Test
    void theDashboardAndHolidayPagesRender() throws Exception {
        mvc.perform(get("/tourism").param("year", "2020").with(user(users.loadUserByUsername("county"))))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("乾潭文旅项目点 33")))
                .andExpect(content().string(Matchers.containsString("寿昌“909”夜宵一条街")));
        mvc.perform(get("/tourism/holidays/2020/national-day").with(user(users.loadUserByUsername("meicheng"))))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("403,100")));
    }
}
