package org.townbrain.cases;

import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.townbrain.access.Role;
import org.townbrain.platform.scope.Scope;
import org.townbrain.support.IntegrationTest;

/**
 * Province-scale benchmark (see bench/cases/README.md): loads the 1,387 Zhejiang towns' worth of
 * case history, then measures inbox and search p95, statistics for a county-year and the
 * province-year, and a streamed 100,000-row XLSX export's time and heap. Not part of the normal
 * test run: {@code ./mvnw -o test -Dtest=CasesBenchmark -Dbench=true [-Dbench.cases=1000000]}.
 */
@Tag("bench")
@EnabledIfSystemProperty(named = "bench", matches = "true")
@IntegrationTest
class CasesBenchmark {

    @Autowired JdbcClient jdbc;
    @Autowired CaseQueries queries;
    @Autowired CaseStatistics statistics;
    @Autowired CaseExport export;

    private final StringBuilder report = new StringBuilder();

    @Test
    void provinceScale() throws Exception {
        int cases = Integer.getInteger("bench.cases", 1_000_000);
        Path towns = Path.of(System.getProperty("bench.data", "/work/shared/data"), "divisions", "zhejiang-towns.csv");
        List<String[]> rows = Files.readAllLines(towns).stream().skip(1).map(l -> l.split(",")).toList();
        List<String> townCodes = rows.stream().map(r -> r[0]).toList();
        line("machine: %d cores, %s, JVM max heap %d MB", Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"), Runtime.getRuntime().maxMemory() >> 20);
        line("towns: %d, cases to load: %,d", townCodes.size(), cases);

        long t0 = System.nanoTime();
        load(townCodes, cases);
        line("load + index + analyze: %.1f s", (System.nanoTime() - t0) / 1e9);

        line("baseline `select 1` p95: %.2f ms", p95(200, () -> jdbc.sql("select 1").query(Integer.class).single()));
        Random random = new Random(7);
        line("inbox (TOWN_STAFF, one town, 100 rows by deadline) p95: %.2f ms", p95(200, () -> queries.inbox(Role.TOWN_STAFF,
                Scope.towns(List.of(townCodes.get(random.nextInt(townCodes.size())))), 100)));
        line("inbox (COUNTY_ADMIN, whole province) p95: %.2f ms", p95(50, () -> queries.inbox(Role.COUNTY_ADMIN,
                Scope.county(), 100)));
        line("search (one town, state CLOSED, page 1) p95: %.2f ms", p95(200, () -> queries.search(new CaseQueries.Filter(
                CaseState.CLOSED, null, null, null, null, null, null),
                Scope.towns(List.of(townCodes.get(random.nextInt(townCodes.size())))), 0, 50)));
        line("search (one town, text) p95: %.2f ms", p95(200, () -> queries.search(new CaseQueries.Filter(
                null, null, null, "垃圾", null, null, null),
                Scope.towns(List.of(townCodes.get(random.nextInt(townCodes.size())))), 0, 50)));
        line("search (by ref, whole province) p95: %.2f ms", p95(200, () -> queries.search(new CaseQueries.Filter(
                null, null, null, "2025-" + String.format("%07d", 1 + random.nextInt(cases)), null, null, null),
                Scope.county(), 0, 50)));

        Map<String, List<String>> byCounty = new LinkedHashMap<>();
        rows.forEach(r -> byCounty.computeIfAbsent(r[2], k -> new ArrayList<>()).add(r[0]));
        List<List<String>> counties = new ArrayList<>(byCounty.values());
        LocalDate from = LocalDate.of(2025, 1, 1);
        LocalDate to = LocalDate.of(2025, 12, 31);
        line("statistics, one county-year by town p95: %.2f ms", p95(50, () -> statistics.figures(
                CaseStatistics.Dimension.TOWN, from, to, Scope.towns(counties.get(random.nextInt(counties.size()))))));
        line("statistics, province-year by town (one run): %.0f ms", p95(3, () -> statistics.figures(
                CaseStatistics.Dimension.TOWN, from, to, Scope.county())));

        List<String> exportTowns = townCodes.subList(0, Math.max(1, (int) Math.ceil(townCodes.size() * 100_000.0 / cases)));
        for (List<String> subset : List.of(exportTowns.subList(0, Math.max(1, exportTowns.size() / 10)), exportTowns)) {
            exportOnce(subset);
        }
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "bench-cases.txt"), report);
    }

    private void exportOnce(List<String> towns) throws Exception {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long before = memory.getHeapMemoryUsage().getUsed();
        AtomicLong peak = new AtomicLong(before);
        AtomicBoolean running = new AtomicBoolean(true);
        Thread sampler = Thread.ofPlatform().start(() -> {
            while (running.get()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        AtomicLong bytes = new AtomicLong();
        OutputStream sink = new OutputStream() {
            @Override
            public void write(int b) {
                bytes.incrementAndGet();
            }

            @Override
            public void write(byte[] b, int off, int len) {
                bytes.addAndGet(len);
            }
        };
        long t = System.nanoTime();
        int n = export.write(new CaseQueries.Filter(null, null, null, null, null, null, null), Scope.towns(towns),
                Map.of("ref", "ref"), sink);
        double seconds = (System.nanoTime() - t) / 1e9;
        running.set(false);
        sampler.join();
        line("XLSX export %,d rows: %.1f s, %.1f MB written, heap peak above start %.0f MB (sampled every 5 ms, includes garbage)",
                n, seconds, bytes.get() / 1e6, (peak.get() - before) / 1048576.0);
    }

    private void load(List<String> towns, int cases) {
        jdbc.sql("create temporary table bench_town (i int primary key, code varchar(9))").update();
        for (int i = 0; i < towns.size(); i++) {
            jdbc.sql("insert into bench_town values (:i, :c)").param("i", i).param("c", towns.get(i)).update();
        }
        List<String> categories = jdbc.sql("select code from cases_category where active order by code").query(String.class).list();
        jdbc.sql("create temporary table bench_category (i int primary key, code varchar(5))").update();
        for (int i = 0; i < categories.size(); i++) {
            jdbc.sql("insert into bench_category values (:i, :c)").param("i", i).param("c", categories.get(i)).update();
        }
        // towns skewed (a few busy towns, many quiet ones), categories skewed to the common ones,
        // reported through 2025 and the first 11 months of 2026; ~88% closed (most on time), the rest open at
        // every stage, some overdue
        jdbc.sql("""
                insert into cases_case (ref, source, state, category_code, town_code, longitude, latitude, description,
                  public_token, reported_at, accepted_at, dispatched_at, deadline, handled_at, closed_at, closing_reason,
                  closed_on_time, rework_count, unit)
                select '2025-' || lpad(g::text, 7, '0'), 'BENCH', s.state, k.code, t.code,
                  120 + random() * 2, 28 + random() * 3, '基准测试案件 ' || k.code || case when g % 7 = 0 then ' 垃圾' else '' end,
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
        line("loaded %,d cases", jdbc.sql("select count(*) from cases_case where source = 'BENCH'").query(Long.class).single());
    }

    private static double p95(int runs, Supplier<?> action) {
        for (int i = 0; i < Math.min(10, runs); i++) {
            action.get();
        }
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            action.get();
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        return ms[Math.min(runs - 1, (int) Math.ceil(runs * 0.95) - 1)];
    }

    private void line(String format, Object... args) {
        String text = String.format(format, args);
        report.append(text).append('\n');
        System.out.println("[bench] " + text);
    }
}
