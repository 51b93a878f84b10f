package org.townbrain.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.townbrain.platform.database.EmbeddedPostgresServer;
import org.townbrain.support.ChildApp;

/**
 * Two real instances of the application (separate JVMs, as in production) on one PostgreSQL, load
 * through both (telemetry batches, first check-ins, Open311 reports), one instance killed with
 * {@code kill -9} in the middle of it. Then: every write that was acknowledged is stored, none
 * twice; every overdue case is escalated exactly once, by whichever instance, before and after the
 * crash; the survivor goes on doing the cluster's background work.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoInstancesCrashTests {

    private static final String DEMO_OPEN311_KEY = "jiande-demo-open311-key";
    private static final String TOKEN = "tbd_cluster-test-device-token";
    private static final String SENSOR = "CL-MH-1";

    private Path dir;
    private EmbeddedPostgresServer database;
    private ChildApp a;
    private ChildApp b;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeAll
    void startDatabaseAndFirstInstance() throws Exception {
        dir = Files.createTempDirectory(Path.of("target"), "two-instances-");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        database = EmbeddedPostgresServer.start(dir.resolve("db"), false);
        // the first instance migrates the schema and loads the demo county; the second joins it
        a = start("a");
        b = start("b");
    }

    @AfterAll
    void stopAll() {
        ChildApp.stopAll(a, b);
        if (database != null) {
            database.stop();
        }
    }

    private ChildApp start(String name) throws Exception {
        return ChildApp.start(name, dir, database, List.of("--townbrain.cases.deadline-check=PT2S",
                "--townbrain.cases.deadline-first-check=PT2S"));
    }

    @Test
    void acknowledgedWritesSurviveOneInstanceDyingAndEachOverdueCaseIsEscalatedOnce() throws Exception {
        try (Connection db = DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password())) {
            execute(db, """
                    insert into sensing_device (id, kind, town_code, name, lat, lon, rim_level_m, token_hash, token_prefix, created_at)
                    values ('%s', 'manhole_level', '330182104', '集群测试井', 29.55, 119.47, 3.0, '%s', 'tbd_clu', now())"""
                    .formatted(SENSOR, sha256(TOKEN)));
            String venue = single(db, "select code from checkin_venue order by id limit 1");

            // both instances run the deadline watch every 2 s: demo cases still open made overdue again (their
            // earlier escalation undone), counting only the escalations from now on
            String since = single(db, "select now()");
            Set<Long> overdueBefore = makeOverdue(db, 40, Set.of());
            assertThat(overdueBefore).isNotEmpty();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> escalated(db, overdueBefore) == overdueBefore.size());
            assertEscalatedOnceEach(db, overdueBefore, since);

            Load load = new Load(venue);
            ExecutorService clients = Executors.newFixedThreadPool(6);
            for (int c = 0; c < 6; c++) {
                int client = c;
                clients.submit(() -> load.run(client));
            }
            Thread.sleep(4_000);
            // kill A while it answers requests, but not while it runs the deadline watch: a job whose holder
            // died mid-run stays locked for its hold limit (10 min, see ClusterJobs). ShedLock keeps a running
            // job until locked_at + 10 min and shortens that when the job ends; A's next run starts 2 s after
            // the end of its last, so right after a finished run of A (or any run of B) is safe
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> {
                String holder = single(db, """
                        select locked_by || ' ' || (lock_until - locked_at < interval '1 minute')
                               || ' ' || (now() - locked_at < interval '500 milliseconds')
                        from platform_job_lock where name = 'cases.deadline-watch'""");
                return holder.endsWith(":" + b.process().pid() + " true true")
                        || holder.endsWith(":" + a.process().pid() + " true true");
            });
            a.process().destroyForcibly(); // SIGKILL
            assertThat(a.process().waitFor(10, TimeUnit.SECONDS)).isTrue();
            long killedAt = System.nanoTime();
            load.afterKill.set(true);
            Thread.sleep(4_000);
            load.stop.set(true);
            clients.shutdown();
            assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

            assertThat(load.errors).as("unexpected answers: %s", load.errorSamples).isEmpty();
            assertThat(load.acknowledgedBy.get("a").get()).as("writes acknowledged by A before the kill").isPositive();
            assertThat(load.acknowledgedAfterKill.get()).as("writes acknowledged by B after the kill").isPositive();

            // every acknowledged reading is stored, once (the primary key forbids twice)
            Set<Instant> readings = instants(db);
            assertThat(readings).containsAll(load.readings);
            // every acknowledged check-in is stored, and each visitor (one phone each) checked in once
            Set<Long> checkins = longs(db, "select id from checkin_checkin");
            assertThat(checkins).containsAll(load.checkins);
            assertThat(longs(db, "select count(*) from checkin_checkin group by visitor_id having count(*) > 1")).isEmpty();
            // every acknowledged report is a case, once
            Set<String> refs = strings(db, "select ref from cases_case where description like 'cluster-test %'");
            assertThat(refs).containsAll(load.reports);
            assertThat(longs(db, "select count(*) from cases_case where description like 'cluster-test %' "
                    + "group by description having count(*) > 1")).isEmpty();

            // the survivor goes on: new overdue cases are escalated, still once each
            String sinceKill = single(db, "select now()");
            Set<Long> overdueAfter = makeOverdue(db, 10, Set.of());
            assertThat(overdueAfter).isNotEmpty();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> escalated(db, overdueAfter) == overdueAfter.size());
            Duration survivorTook = Duration.ofNanos(System.nanoTime() - killedAt);
            assertEscalatedOnceEach(db, overdueAfter, sinceKill);

            System.out.printf("two instances: %d readings, %d check-ins, %d reports acknowledged (%d by A before its kill, "
                    + "%d by B after it; %d refused by the dead A); %d + %d overdue cases escalated once each; "
                    + "survivor escalated the new ones %d s after the kill%n",
                    load.readings.size(), load.checkins.size(), load.reports.size(), load.acknowledgedBy.get("a").get(),
                    load.acknowledgedAfterKill.get(), load.refused.get(), overdueBefore.size(), overdueAfter.size(),
                    survivorTook.toSeconds());
        }
    }

    /** The load: clients alternate between the instances and record what each acknowledged. */
    private final class Load {
        final String venue;
        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicBoolean afterKill = new AtomicBoolean();
        final Set<Instant> readings = ConcurrentHashMap.newKeySet();
        final Set<Long> checkins = ConcurrentHashMap.newKeySet();
        final Set<String> reports = ConcurrentHashMap.newKeySet();
        final Map<String, AtomicInteger> acknowledgedBy = Map.of("a", new AtomicInteger(), "b", new AtomicInteger());
        final AtomicInteger acknowledgedAfterKill = new AtomicInteger();
        final AtomicInteger refused = new AtomicInteger();
        final List<String> errors = java.util.Collections.synchronizedList(new ArrayList<>());
        final List<String> errorSamples = java.util.Collections.synchronizedList(new ArrayList<>());
        final AtomicLong clock = new AtomicLong();
        final Instant base = Instant.now().minus(Duration.ofDays(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

        Load(String venue) {
            this.venue = venue;
        }

        void run(int client) {
            long n = 0;
            while (!stop.get()) {
                ChildApp target = (n + client) % 2 == 0 ? a : b;
                boolean killedBefore = afterKill.get();
                try {
                    switch ((int) ((n + client) % 3)) {
                        case 0 -> telemetry(target);
                        case 1 -> checkIn(target);
                        default -> report(target);
                    }
                    acknowledgedBy.get(target.name()).incrementAndGet();
                    if (killedBefore && target == b) {
                        acknowledgedAfterKill.incrementAndGet();
                    }
                } catch (ConnectException | java.net.http.HttpTimeoutException dead) {
                    refused.incrementAndGet();
                } catch (IOException broken) {
                    // the connection broke when the instance died: not acknowledged
                    refused.incrementAndGet();
                } catch (Exception | AssertionError e) {
                    errors.add(target.name());
                    if (errorSamples.size() < 5) {
                        errorSamples.add(target.name() + ": " + e);
                    }
                }
                n++;
            }
        }

        private void telemetry(ChildApp target) throws Exception {
            List<Instant> times = new ArrayList<>();
            StringBuilder body = new StringBuilder("[");
            for (int i = 0; i < 20; i++) {
                Instant at = base.plusMillis(clock.incrementAndGet() * 100);
                times.add(at);
                body.append(i == 0 ? "" : ",").append("{\"sensorId\":\"").append(SENSOR).append("\",\"observedAt\":\"")
                        .append(at).append("\",\"value\":0.8}");
            }
            HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(target.url("/api/telemetry")))
                    .header("Authorization", "Device " + TOKEN).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.append("]").toString())));
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            assertThat(answer.body()).contains("\"stored\":20");
            readings.addAll(times);
        }

        private void checkIn(ChildApp target) throws Exception {
            String phone = "139" + String.format("%08d", clock.incrementAndGet());
            HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(target.url("/api/checkin/" + venue)))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"phone\":\"" + phone + "\",\"consent\":true}")));
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
            Matcher id = Pattern.compile("\"checkinId\":(\\d+)").matcher(answer.body());
            assertThat(id.find()).isTrue();
            checkins.add(Long.parseLong(id.group(1)));
        }

        private void report(ChildApp target) throws Exception {
            String form = Map.of("api_key", DEMO_OPEN311_KEY, "service_code", "E0102",
                            "address_string", "建德市梅城镇正大街 12 号", "description", "cluster-test " + UUID.randomUUID())
                    .entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
            HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(target.url("/open311/v2/requests.json")))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)));
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            Matcher id = Pattern.compile("\"service_request_id\":\"([^\"]+)\"").matcher(answer.body());
            assertThat(id.find()).as(answer.body()).isTrue();
            reports.add(id.group(1));
        }

        private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
            return http.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    private static Set<Long> makeOverdue(Connection db, int howMany, Set<Long> except) throws Exception {
        String notThese = except.isEmpty() ? "" : " and id not in ("
                + except.stream().map(String::valueOf).collect(Collectors.joining(",")) + ")";
        Set<Long> ids = longs(db, """
                update cases_case set dispatched_at = now() - interval '3 days', deadline = now() - interval '1 hour',
                    reminded_at = null, escalated_at = null, noticed_at = null
                where id in (select id from cases_case where state in ('DISPATCHED', 'IN_PROGRESS') and escalated_at is not null%s
                             order by id limit %d)
                returning id""".formatted(notThese, howMany));
        return ids;
    }

    /** Each case has exactly one escalation since the given database time. */
    private static void assertEscalatedOnceEach(Connection db, Set<Long> ids, String since) throws Exception {
        Map<Long, Long> escalations = countsById(db, "select case_id, count(*) from cases_event where type = 'ESCALATED' and at >= '"
                + since + "' and case_id in (" + ids.stream().map(String::valueOf).collect(Collectors.joining(",")) + ") group by case_id");
        assertThat(escalations.keySet()).isEqualTo(ids);
        assertThat(escalations.values()).allMatch(n -> n == 1L);
    }

    private static long escalated(Connection db, Set<Long> ids) throws Exception {
        return Long.parseLong(single(db, "select count(*) from cases_case where escalated_at is not null and id in ("
                + ids.stream().map(String::valueOf).collect(Collectors.joining(",")) + ")"));
    }

    private static Set<Instant> instants(Connection db) throws Exception {
        Set<Instant> found = new java.util.HashSet<>();
        try (var s = db.prepareStatement("select observed_at from sensing_reading where sensor_id = ?")) {
            s.setString(1, SENSOR);
            var rs = s.executeQuery();
            while (rs.next()) {
                found.add(rs.getTimestamp(1).toInstant());
            }
        }
        return found;
    }

    private static void execute(Connection db, String sql) throws Exception {
        try (var s = db.createStatement()) {
            s.execute(sql);
        }
    }

    private static String single(Connection db, String sql) throws Exception {
        try (var s = db.createStatement(); var rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : "";
        }
    }

    private static Set<Long> longs(Connection db, String sql) throws Exception {
        Set<Long> found = new java.util.HashSet<>();
        try (var s = db.createStatement(); var rs = s.executeQuery(sql)) {
            while (rs.next()) {
                found.add(rs.getLong(1));
            }
        }
        return found;
    }

    private static Set<String> strings(Connection db, String sql) throws Exception {
        Set<String> found = new java.util.HashSet<>();
        try (var s = db.createStatement(); var rs = s.executeQuery(sql)) {
            while (rs.next()) {
                found.add(rs.getString(1));
            }
        }
        return found;
    }

    private static Map<Long, Long> countsById(Connection db, String sql) throws Exception {
        Map<Long, Long> found = new java.util.HashMap<>();
        try (var s = db.createStatement(); var rs = s.executeQuery(sql)) {
            while (rs.next()) {
                found.put(rs.getLong(1), rs.getLong(2));
            }
        }
        return found;
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
