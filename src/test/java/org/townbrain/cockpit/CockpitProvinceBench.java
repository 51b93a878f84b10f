package org.townbrain.cockpit;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.townbrain.support.IntegrationTest;

/**
 * Province-scale cockpit benchmark (see bench/cockpit/README.md). In the throw-away test
 * database it imports every Zhejiang town and village under one synthetic county 330000 and makes
 * it the county served (the earliest imported, which is how the region module picks its county
 * when {@code townbrain.region.county-code} is not set), loads 1,000,000 cases and 100,000 sensors
 * with 1,000 open alarms, then times GET /api/cockpit per level through MockMvc: first with the
 * 1,387 towns as the county's direct children, then with the 90 real counties as clusters.
 * It changes which county the application serves: run it alone, never with other tests.
 * {@code ./mvnw -o test -Dtest=CockpitProvinceBench -Dgroups=bench -DexcludedGroups=none -Dbench=true}
 */
@Tag("bench")
@EnabledIfSystemProperty(named = "bench", matches = "true")
@IntegrationTest
class CockpitProvinceBench {

    static final String PROVINCE = "330000";

    @Autowired
    MockMvc mvc;
    @Autowired
    UserDetailsService users;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    tools.jackson.databind.ObjectMapper json;
    @Autowired
    org.townbrain.cases.CaseStatistics cases;
    @Autowired
    org.townbrain.projects.ProjectStatistics projects;
    @Autowired
    org.townbrain.tourism.TourismStatistics tourism;
    @Autowired
    org.townbrain.checkin.CheckinFigures checkins;
    @Autowired
    org.townbrain.evaluation.Evaluations evaluations;
    @Autowired
    org.townbrain.sensing.SensingOverview sensing;
    @Autowired
    org.townbrain.region.Regions regions;

    private final StringBuilder report = new StringBuilder();

    @Test
    void provinceScale() throws Exception {
        Path data = Path.of(System.getProperty("bench.data", "/work/shared/data"), "divisions");
        int cases = Integer.getInteger("bench.cases", 1_000_000);
        int sensors = Integer.getInteger("bench.sensors", 100_000);
        int runs = Integer.getInteger("bench.runs", 40);
        report.append("# Cockpit benchmark, province scale\n\nRun ").append(Instant.now()).append(": ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores, JDK ").append(System.getProperty("java.version"))
                .append(", JVM max heap ").append(Runtime.getRuntime().maxMemory() >> 20).append(" MB, bundled PostgreSQL.\n\n");

        long t0 = System.nanoTime();
        List<String[]> towns = csv(data.resolve("zhejiang-towns.csv"));
        List<String[]> villages = csv(data.resolve("zhejiang-villages.csv"));
        loadRegion(towns, villages);
        loadCases(cases);
        loadSensors(sensors);
        report.append(String.format("Data: %,d towns, %,d villages, %,d cases, %,d sensors, %,d open alarms (loaded in %.0f s).%n%n",
                count("select count(*) from region_town where county_code = '" + PROVINCE + "'"),
                count("select count(*) from region_village v join region_town t on t.code = v.town_code where t.county_code = '" + PROVINCE + "'"),
                count("select count(*) from cases_case"), count("select count(*) from sensing_device"),
                count("select count(*) from sensing_alarm where state <> 'CLEARED'"), (System.nanoTime() - t0) / 1e9));

        RequestPostProcessor county = user(users.loadUserByUsername("county"));
        String busyTown = jdbc.sql("select town_code from region_village group by 1 order by count(*) desc, 1 limit 1")
                .query(String.class).single();
        String village = jdbc.sql("select min(code) from region_village where town_code = :t").param("t", busyTown)
                .query(String.class).single();
        report.append("Server time of GET /api/cockpit through MockMvc (whole web stack and JSON, no socket), ")
                .append(runs).append(" calls after 5 warm-up, period this year to date (≈ half of the cases), user `county`.\n\n")
                .append("| request | children | p50 ms | p95 ms | max ms | JSON KB |\n|---|---|---|---|---|---|\n");
        measure("baseline: GET /api/regions/types", get("/api/regions/types"), county, runs);
        measure("county, 1,387 towns as children", cockpit("county", PROVINCE), county, runs);
        measure("town " + busyTown + " (most villages)", cockpit("town", busyTown), county, runs);
        measure("village " + village, cockpit("village", village), county, runs);

        breakdown(runs);

        List<String[]> counties = csv(data.resolve("zhejiang-counties.csv"));
        for (String[] c : counties) {
            long id = jdbc.sql("insert into region_cluster (county_code, name) values (:p, :n) returning id").param("p", PROVINCE)
                    .param("n", c[1]).query(Long.class).single();
            jdbc.sql("update region_town set cluster_id = :id where county_code = :p and substr(code, 1, 6) = :c").param("id", id)
                    .param("p", PROVINCE).param("c", c[0]).update();
        }
        long busyCluster = jdbc.sql("select cluster_id from region_town where county_code = :p and cluster_id is not null "
                + "group by 1 order by count(*) desc limit 1").param("p", PROVINCE).query(Long.class).single();
        report.append("Then the 90 counties of Zhejiang made clusters (片区) of the synthetic county:\n\n")
                .append("| request | children | p50 ms | p95 ms | max ms | JSON KB |\n|---|---|---|---|---|---|\n");
        measure("baseline again", get("/api/regions/types"), county, runs);
        measure("county, " + counties.size() + " counties as clusters", cockpit("county", PROVINCE), county, runs);
        measure("cluster " + busyCluster + " (most towns)", cockpit("cluster", String.valueOf(busyCluster)), county, runs);
        measure("town " + busyTown + " in its cluster", cockpit("town", busyTown), county, runs);

        Files.createDirectories(Path.of("bench", "cockpit"));
        Files.writeString(Path.of("bench", "cockpit", "RESULTS-province.md"), report);
        System.out.println(report);
    }

    /** What each module's batched call costs for the whole province (the county view's reads), as the county user. */
    private void breakdown(int runs) throws Exception {
        var who = users.loadUserByUsername("county");
        org.springframework.security.core.context.SecurityContextHolder.getContext().setAuthentication(
                new org.springframework.security.authentication.UsernamePasswordAuthenticationToken(who, null, who.getAuthorities()));
        try {
            java.time.LocalDate to = java.time.LocalDate.now();
            java.time.LocalDate from = to.withDayOfYear(1);
            java.util.Set<String> all = java.util.Set.copyOf(regions.towns().stream().map(org.townbrain.region.Town::code).toList());
            java.util.Map<String, java.util.Set<String>> groups = new java.util.LinkedHashMap<>();
            groups.put("", all);
            all.forEach(t -> groups.put(t, java.util.Set.of(t)));
            report.append("\nWhere the county view's time goes: each module's call for all ").append(all.size())
                    .append(" towns, called directly (").append(runs).append(" calls after 5 warm-up).\n\n")
                    .append("| module call | p50 ms | p95 ms | max ms |\n|---|---|---|---|\n");
            time("Regions.towns + villageCounts", runs, () -> regions.towns().size() + regions.villageCounts().size());
            time("CaseStatistics.byTown(all towns, this year)", runs, () -> cases.byTown(all, from, to).size());
            time("CaseStatistics.supervision(this year)", runs, () -> cases.supervision(from, to).size());
            time("SensingOverview.openWarnings(all towns)", runs, () -> sensing.openWarnings(all).size());
            time("SensingOverview.sensors(all towns) (unbounded, not used by the cockpit)", runs, () -> sensing.sensors(all).size());
            time("SensingOverview.sensors(all towns, 2,000) (the cockpit's call)", runs,
                    () -> sensing.sensors(all, SensingReader.MAX_SENSOR_MARKERS).size());
            time("CheckinFigures today + resumption", runs, () -> checkins.checkinsPerTownAndDay(to, to).size()
                    + checkins.resumptionPerTown(to).size());
            time("ProjectStatistics.investmentOfGroups(1 + 1,387 groups)", runs,
                    () -> projects.investmentOfGroups(from, to, groups).size());
            time("Evaluations.results(this year) (the reader caches it 30 s)", Math.min(runs, 5), () -> evaluations.results(to.getYear()).size());
            time("TourismStatistics.byTown(all towns)", runs, () -> tourism.byTown(all, from, to).size());
            report.append('\n');
        } finally {
            org.springframework.security.core.context.SecurityContextHolder.clearContext();
        }
    }

    private void time(String label, int runs, java.util.function.IntSupplier call) {
        for (int i = 0; i < Math.min(5, runs); i++) {
            call.getAsInt();
        }
        long[] micros = new long[runs];
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            call.getAsInt();
            micros[i] = (System.nanoTime() - t) / 1000;
        }
        Arrays.sort(micros);
        String row = String.format("| %s | %.1f | %.1f | %.1f |%n", label, micros[runs / 2] / 1000.0,
                micros[Math.min(runs - 1, (int) Math.ceil(runs * 0.95) - 1)] / 1000.0, micros[runs - 1] / 1000.0);
        report.append(row);
        System.out.print("[bench] " + row);
    }

    private static MockHttpServletRequestBuilder cockpit(String level, String id) {
        return get("/api/cockpit").param("level", level).param("id", id);
    }

    private void measure(String label, MockHttpServletRequestBuilder request, RequestPostProcessor who, int runs) throws Exception {
        int bytes = 0;
        int childCount = 0;
        for (int i = 0; i < 5; i++) {
            var response = mvc.perform(request.with(who)).andExpect(status().isOk()).andReturn().getResponse();
            bytes = response.getContentAsByteArray().length;
            var children = json.readTree(response.getContentAsString()).get("children");
            childCount = children == null ? 0 : children.size();
        }
        long[] micros = new long[runs];
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            mvc.perform(request.with(who)).andExpect(status().isOk());
            micros[i] = (System.nanoTime() - t) / 1000;
        }
        Arrays.sort(micros);
        String row = String.format("| %s | %,d | %.1f | %.1f | %.1f | %,d |%n", label, childCount, micros[runs / 2] / 1000.0,
                micros[Math.min(runs - 1, (int) Math.ceil(runs * 0.95) - 1)] / 1000.0, micros[runs - 1] / 1000.0, bytes / 1024);
        report.append(row);
        System.out.print("[bench] " + row);
    }

    private void loadRegion(List<String[]> towns, List<String[]> villages) {
        jdbc.sql("insert into region_county (code, name, province_code, city_code, imported_at) "
                + "values (:p, '浙江省（基准：全省视作一个县）', '33', '3300', timestamptz '2000-01-01 00:00+08')").param("p", PROVINCE).update();
        String[] codes = towns.stream().map(r -> r[0]).toArray(String[]::new);
        String[] names = towns.stream().map(r -> r[1]).toArray(String[]::new);
        jdbc.sql("""
                insert into region_town (code, county_code, name, kind, type_code, in_programme)
                select c, :p, n, case when n like '%街道' then 'SUBDISTRICT' when n like '%乡' then 'TOWNSHIP' else 'TOWN' end,
                       (select code from region_town_type order by sort offset abs(hashtext(c)) % 7 limit 1),
                       (hashtext(c) % 3) <> 0
                from unnest(cast(:codes as text[]), cast(:names as text[])) as x(c, n)
                on conflict (code) do update set county_code = excluded.county_code, cluster_id = null""")
                .param("p", PROVINCE).param("codes", codes).param("names", names).update();
        String[] vcodes = villages.stream().map(r -> r[0]).toArray(String[]::new);
        String[] vnames = villages.stream().map(r -> r[1]).toArray(String[]::new);
        String[] vtowns = villages.stream().map(r -> r[2]).toArray(String[]::new);
        jdbc.sql("""
                insert into region_village (code, town_code, name, kind)
                select c, t, n, case when n like '%社区' then 'COMMUNITY' else 'VILLAGE' end
                from unnest(cast(:codes as text[]), cast(:towns as text[]), cast(:names as text[])) as x(c, t, n)
                where exists (select 1 from region_town rt where rt.code = x.t)
                on conflict (code) do nothing""")
                .param("codes", vcodes).param("towns", vtowns).param("names", vnames).update();
    }

    /** The same distributions as the cases module's CasesBenchmark (bench/cases/README.md), over all the province's towns. */
    private void loadCases(int cases) {
        jdbc.sql("create temporary table bench_town as select (row_number() over (order by code) - 1)::int as i, code "
                + "from region_town where county_code = :p").param("p", PROVINCE).update();
        jdbc.sql("create temporary table bench_category as select (row_number() over (order by code) - 1)::int as i, code "
                + "from cases_category where active").update();
        jdbc.sql("""
                insert into cases_case (ref, source, state, category_code, town_code, longitude, latitude, description,
                  public_token, reported_at, accepted_at, dispatched_at, deadline, handled_at, closed_at, closing_reason,
                  closed_on_time, rework_count, unit)
                select 'B' || lpad(g::text, 7, '0'), 'BENCH', s.state, k.code, t.code,
                  120 + random() * 2, 28 + random() * 3, '基准测试案件 ' || k.code,
                  'bench' || g, r.at, r.at + interval '1 hour', r.at + interval '2 hours',
                  r.at + interval '2 hours' + (1 + (g % 5)) * interval '1 day',
                  case when s.state in ('AWAITING_VERIFICATION', 'CLOSED') then r.at + interval '1 day' end,
                  case when s.state = 'CLOSED' then r.at + interval '1 day' + (case when g % 9 = 0 then 8 else 1 end) * interval '1 day' end,
                  case when s.state = 'CLOSED' then 'FIXED' end,
                  case when s.state = 'CLOSED' then g % 9 <> 0 end,
                  case when g % 31 = 0 then 1 else 0 end, '镇街环卫站'
                from generate_series(1, :n) g
                cross join lateral (select floor(power(random(), 2) * (select count(*) from bench_town))::int + 0 * g as ti,
                                           floor(power(random(), 1.5) * (select count(*) from bench_category))::int as ki,
                                           timestamptz '2025-01-01 00:00+08' + random() * interval '695 days' as at,
                                           random() + 0 * g as p) x
                join bench_town t on t.i = x.ti
                join bench_category k on k.i = x.ki
                cross join lateral (select x.at) r(at)
                cross join lateral (select case when x.p < 0.88 then 'CLOSED' when x.p < 0.90 then 'REPORTED'
                  when x.p < 0.92 then 'ACCEPTED' when x.p < 0.95 then 'DISPATCHED' when x.p < 0.97 then 'IN_PROGRESS'
                  when x.p < 0.985 then 'AWAITING_VERIFICATION' when x.p < 0.99 then 'PARKED' else 'VOIDED' end) s(state)
                """).param("n", cases).update();
        jdbc.sql("update cases_case set accepted_at = null, dispatched_at = null, deadline = null where source = 'BENCH' and state = 'REPORTED'").update();
        jdbc.sql("update cases_case set dispatched_at = null, deadline = null where source = 'BENCH' and state in ('ACCEPTED', 'PARKED')").update();
        jdbc.sql("analyze cases_case").update();
    }

    /** Sensors spread over the towns (one in 50 offline), and one open alarm per 100 sensors, every level. */
    private void loadSensors(int sensors) {
        jdbc.sql("""
                insert into sensing_device (id, kind, town_code, name, lat, lon, token_hash, token_prefix, last_seen_at, created_at)
                select 'bench-' || g, case g % 3 when 0 then 'manhole_level' when 1 then 'river_level' else 'hydrant_pressure' end,
                       t.code, '基准传感器 ' || g, 27.2 + random() * 3.8, 118.0 + random() * 4.0, 'bench-hash-' || g, 'bench',
                       case when g % 50 = 0 then now() - interval '2 days' else now() end, now()
                from generate_series(1, :n) g join bench_town t on t.i = g % (select count(*) from bench_town)""")
                .param("n", sensors).update();
        jdbc.sql("""
                insert into sensing_alarm (sensor_id, town_code, type, level, state, raised_at, updated_at, why)
                select d.id, d.town_code, 'THRESHOLD', (array['blue', 'yellow', 'orange', 'red'])[1 + (g / 100) % 4],
                       case when g % 300 = 0 then 'ACKNOWLEDGED' else 'ACTIVE' end, now() - (g / 100) * interval '1 minute', now(),
                       '基准：超过阈值'
                from generate_series(100, :n, 100) g join sensing_device d on d.id = 'bench-' || g""")
                .param("n", sensors).update();
        jdbc.sql("analyze sensing_device").update();
        jdbc.sql("analyze sensing_alarm").update();
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    private static List<String[]> csv(Path file) throws Exception {
        List<String[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file).subList(1, Files.readAllLines(file).size())) {
            String[] cells = line.split(",", -1);
            for (int i = 0; i < cells.length; i++) {
                cells[i] = cells[i].replace("\"", "").strip();
            }
            rows.add(cells);
        }
        return rows;
    }
}
