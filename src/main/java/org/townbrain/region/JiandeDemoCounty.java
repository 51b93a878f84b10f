package org.townbrain.region;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Loads the Jiande demo county on first start in demo mode: the real division codes and
 * boundary shipped in {@code region/jiande}, and the programme set-up (types, clusters, tiers)
 * with every assumption marked as such. Does nothing when the county is already there.
 */
@Component
@Order(0)
@ConditionalOnProperty(name = "townbrain.demo.enabled", havingValue = "true")
class JiandeDemoCounty implements ApplicationRunner {

    static final String CODE = "330182";
    private static final Logger log = LoggerFactory.getLogger(JiandeDemoCounty.class);

    private final DivisionImport divisions;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final ObjectMapper json;

    private final GridImport grids;

    JiandeDemoCounty(DivisionImport divisions, JdbcClient jdbc, TransactionTemplate transaction, ObjectMapper json,
            GridImport grids) {
        this.grids = grids;
        this.divisions = divisions;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.json = json;
    }

    @Override
    public void run(ApplicationArguments args) {
        boolean present = jdbc.sql("select count(*) from region_county where code = :c").param("c", CODE)
                .query(Integer.class).single() > 0;
        if (present) {
            // databases loaded before the seats were shipped get them now; corrections stay
            int placed = transaction.execute(status -> loadSeats());
            if (placed > 0) {
                log.info("Placed {} Jiande seats from Vonng/adcode (CC-BY-4.0)", placed);
            }
            transaction.executeWithoutResult(status -> loadDemoGrids());
            return;
        }
        org.townbrain.platform.StartupProgress.step("loading the Jiande demo county: towns, villages, cases, sensors, "
                + "venues, assessments, projects, tourism (first start only)");
        transaction.executeWithoutResult(status -> load());
        log.info("Loaded the Jiande demo county: 16 towns, 271 villages, 4 clusters (assumptions marked)");
    }

    private void load() {
        try (InputStream county = open("county.csv"); InputStream towns = open("towns.csv");
                InputStream villages = open("villages.csv")) {
            divisions.importCounty(CODE, new DivisionImport.Files("county.csv", county, "towns.csv", towns,
                    "villages.csv", villages));
            loadBoundary();
            Map<String, Long> clusters = loadClusters();
            loadProgramme(clusters);
            loadSeats();
            loadDemoGrids();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void loadBoundary() throws IOException {
        JsonNode feature = json.readTree(open("boundary.geojson"));
        JsonNode label = feature.path("properties").path("cp");
        jdbc.sql("update region_county set boundary = cast(:geometry as jsonb), label_lon = :lon, label_lat = :lat where code = :c")
                .param("geometry", feature.get("geometry").toString()).param("lon", label.get(0).asDouble())
                .param("lat", label.get(1).asDouble()).param("c", CODE).update();
    }

    private Map<String, Long> loadClusters() throws IOException {
        Map<String, Long> ids = new HashMap<>();
        for (DivisionCsv.Row row : DivisionCsv.read(open("clusters.csv")).rows()) {
            long id = jdbc.sql("""
                    insert into region_cluster (county_code, name, lead_town_code, person_in_charge, assumed)
                    values (:county, :name, :lead, :person, :assumed) returning id""")
                    .param("county", CODE).param("name", row.get("name")).param("lead", row.get("leadTown"))
                    .param("person", row.get("personInCharge")).param("assumed", Boolean.parseBoolean(row.get("assumed")))
                    .query(Long.class).single();
            ids.put(row.get("name"), id);
        }
        return ids;
    }

    private void loadProgramme(Map<String, Long> clusters) throws IOException {
        for (DivisionCsv.Row row : DivisionCsv.read(open("programme.csv")).rows()) {
            String code = row.get("code");
            jdbc.sql("""
                    update region_town set type_code = :type, type_assumed = :typeAssumed, in_programme = :in,
                           programme_assumed = :inAssumed, cluster_id = :cluster, cluster_assumed = :clusterAssumed
                    where code = :code""")
                    .param("type", row.get("type")).param("typeAssumed", bool(row, "typeAssumed"))
                    .param("in", bool(row, "inProgramme")).param("inAssumed", bool(row, "programmeAssumed"))
                    .param("cluster", clusters.get(row.get("cluster"))).param("clusterAssumed", bool(row, "clusterAssumed"))
                    .param("code", code).update();
            for (int year : new int[] {2020, 2021}) {
                jdbc.sql("insert into region_town_tier (town_code, year, tier, assumed) values (:code, :year, :tier, :assumed)")
                        .param("code", code).param("year", year).param("tier", row.get("tier" + year))
                        .param("assumed", year == 2021 || bool(row, "tierAssumed")).update();
            }
        }
    }

    /**
     * The sourced seat positions ({@code town-seats.csv}, {@code village-seats.csv}; see the
     * README beside them), only where a seat has no position yet: idempotent, and a position a
     * person placed or corrected is never overwritten.
     */
    int loadSeats() {
        try {
            return placeSeats("region_town", "town-seats.csv") + placeSeats("region_village", "village-seats.csv");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The demo unit grids (see the README beside them), once, while the county has no unit grid. */
    int loadDemoGrids() {
        if (jdbc.sql("select count(*) from region_grid where code is not null").query(Integer.class).single() > 0) {
            return 0;
        }
        try (InputStream file = open("demo-grids.geojson")) {
            GridImport.Report report = grids.apply(GridShapes.fromGeoJson(json.readTree(file)), true);
            if (!report.rejected().isEmpty()) {
                log.warn("Demo grids rejected: {}", report.rejected());
            }
            return report.added().size();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private int placeSeats(String table, String file) throws IOException {
        int placed = 0;
        for (DivisionCsv.Row row : DivisionCsv.read(open(file)).rows()) {
            placed += jdbc.sql("""
                    update %s set latitude = :lat, longitude = :lon, position_source = 'ADCODE',
                           position_by = null, position_at = null
                    where code = :code and longitude is null and latitude is null""".formatted(table))
                    .param("lat", Double.parseDouble(row.get("latitude"))).param("lon", Double.parseDouble(row.get("longitude")))
                    .param("code", row.get("code")).update();
        }
        return placed;
    }

    private static boolean bool(DivisionCsv.Row row, String column) {
        return Boolean.parseBoolean(row.get(column));
    }

    private static InputStream open(String name) throws IOException {
        return new ClassPathResource("region/jiande/" + name).getInputStream();
    }

}
