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

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Test
    void theDemoPlacesArePlausibleLabelledAndPlacedNotFiller() {
        // the source document: 乾潭 has 33 culture-tourism project points and 18 routes
        assertThat(jdbc.sql("select count(*) from tourism_site where town_code = '330182102' and kind = 'PROJECT_POINT' and demo")
                .query(Integer.class).single()).isEqualTo(33);
        assertThat(jdbc.sql("""
                select count(distinct r.id) from tourism_route r join tourism_route_stop s on s.route_id = r.id
                join tourism_site p on p.id = s.site_id where r.demo and p.town_code = '330182102'""").query(Integer.class).single())
                .isGreaterThanOrEqualTo(18);
        assertThat(jdbc.sql("select count(*) from tourism_site where demo and name ~ '[0-9]{2}（演示）'").query(Integer.class).single())
                .as("no numbered filler names").isZero();
        assertThat(jdbc.sql("select count(*) from tourism_route where demo and name ~ '[0-9]{2}（演示）'").query(Integer.class).single())
                .isZero();
        assertThat(jdbc.sql("select count(*) from tourism_site where demo and (longitude is null or description not like '%（演示数据）')")
                .query(Integer.class).single()).as("every demo place has a position and says it is demo data").isZero();
        // positions inside Jiande (WGS-84), and every demo route has at least two placed stops, in order
        assertThat(jdbc.sql("select count(*) from tourism_site where demo and not (longitude between 118.9 and 119.8 and latitude between 29.1 and 29.8)")
                .query(Integer.class).single()).isZero();
        assertThat(jdbc.sql("""
                select count(*) from tourism_route r where r.demo and (select count(*) from tourism_route_stop s
                join tourism_site p on p.id = s.site_id where s.route_id = r.id and p.longitude is not null) < 2""")
                .query(Integer.class).single()).isZero();
        // the 909 night economy: several markets, each with opening hours and visitors on recent nights
        assertThat(jdbc.sql("""
                select count(*) from tourism_site p where p.demo and p.kind = 'NIGHT_MARKET' and p.opening_hours is not null
                and (select count(*) from tourism_site_visits v where v.site_id = p.id and v.day >= current_date - 30) >= 25""")
                .query(Integer.class).single()).isGreaterThanOrEqualTo(4);
        for (String place : new String[] {"大慈岩景区", "灵栖洞天", "梅城古城（严州古城）", "航头草莓小镇", "三都柑橘采摘园", "千鹤村妇女精神教育基地",
                "下涯之江村骑行绿道", "新安江滨江夜市"}) {
            assertThat(jdbc.sql("select count(*) from tourism_site where demo and name = :n").param("n", place)
                    .query(Integer.class).single()).as(place).isEqualTo(1);
        }
    }

    @Test
    void theDashboardAndHolidayPagesRender() throws Exception {
        mvc.perform(get("/tourism").param("year", "2020").with(user(users.loadUserByUsername("county"))))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("子胥野渡")))
                .andExpect(content().string(Matchers.containsString("寿昌“909”夜宵一条街")))
                .andExpect(content().string(Matchers.containsString("id=\"night-markets\"")))
                .andExpect(content().string(Matchers.containsString("子胥野渡 → 胥村研学基地 → 胥岭古道 → 胥岭观景平台")))
                .andExpect(content().string(Matchers.not(Matchers.containsString("乾潭文旅项目点"))));
        mvc.perform(get("/tourism/holidays/2020/national-day").with(user(users.loadUserByUsername("meicheng"))))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("403,100")));
    }
}
