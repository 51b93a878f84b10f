package org.townbrain.projects;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.townbrain.region.Regions;
import org.townbrain.region.Town;
import org.townbrain.support.IntegrationTest;

/**
 * How long the county's figures take on the demo data, against a baseline of one trivial query
 * measured in the same run. Run with {@code ./mvnw -o test -Dtest=ProjectStatisticsBench -Dgroups=bench}.
 */
@IntegrationTest
@Tag("bench")
class ProjectStatisticsBench {

    @Autowired
    ProjectStatistics statistics;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Regions regions;

    @Test
    void countyFiguresAndPerTownFigures() {
        LocalDate from = LocalDate.of(2020, 1, 1);
        LocalDate to = LocalDate.of(2020, 12, 31);
        Set<String> towns = regions.towns().stream().map(Town::code).collect(Collectors.toSet());
        report("baseline: select count(*) from projects_finding",
                () -> jdbc.sql("select count(*) from projects_finding").query(Long.class).single());
        report("ProjectStatistics.county(2020)", () -> statistics.county(from, to));
        report("ProjectStatistics.figuresByTown(2020, 16 towns)", () -> statistics.figuresByTown(from, to, towns));
        report("ProjectStatistics.investmentByTown(2020-2026)", () -> statistics.investmentByTown(from, LocalDate.of(2026, 12, 31)));
    }

    private static void report(String name, Runnable work) {
        for (int i = 0; i < 20; i++) {
            work.run();
        }
        long[] nanos = new long[100];
        for (int i = 0; i < nanos.length; i++) {
            long start = System.nanoTime();
            work.run();
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        System.out.printf("BENCH %-50s median %7.2f ms  p90 %7.2f ms%n", name, nanos[50] / 1e6, nanos[90] / 1e6);
    }
}
