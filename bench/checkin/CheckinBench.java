import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Check-ins through the real HTTP endpoint (POST /api/checkin/{code} with X-Visitor-Token: a
 * returning visitor, one new row each) at rising concurrency, beside raw single-row INSERTs of
 * the same rows into the same PostgreSQL at the same concurrency, in the same run; then an
 * open-loop run at 70% of the highest HTTP throughput for p99. See README.md.
 *
 * Usage: java -cp postgresql.jar bench/checkin/CheckinBench.java http://localhost:8082 ./data [seconds]
 */
public class CheckinBench {

    static final int VENUES = 100;
    static final int VISITORS = 500;
    static final int[] CONCURRENCY = {1, 2, 4, 8, 16, 32, 64};

    static HttpClient http = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor())
            .connectTimeout(Duration.ofSeconds(5)).build();
    static String base;
    static String[] codes = new String[VENUES];
    static String[] tokens = new String[VISITORS];
    static final AtomicLong pair = new AtomicLong();

    public static void main(String[] args) throws Exception {
        base = args[0];
        Path data = Path.of(args[1]);
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        String basic = "Basic " + Base64.getEncoder().encodeToString("meicheng:demo".getBytes(StandardCharsets.UTF_8));
        long run = System.currentTimeMillis() % 100_000;
        for (int i = 0; i < VENUES; i++) {
            String body = send(HttpRequest.newBuilder(URI.create(base + "/api/checkin/venues")).header("Authorization", basic)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                            "{\"name\":\"压测场所" + run + "-" + i + "\",\"townCode\":\"330182104\",\"type\":\"OTHER\"}")).build(), 201);
            codes[i] = field(body, "code");
        }
        for (int i = 0; i < VISITORS; i++) {
            String phone = String.format("199%03d%05d", run % 1000, i);
            String body = send(HttpRequest.newBuilder(URI.create(base + "/api/checkin/" + codes[i % VENUES]))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"phone\":\"" + phone + "\",\"consent\":true}")).build(), 201);
            tokens[i] = field(body, "visitorToken");
        }
        String url = jdbcUrl(data);
        String password = Files.readString(data.resolve("postgres.secret")).strip();
        long[] venueIds = new long[VENUES];
        long[] visitorIds = new long[VISITORS];
        try (Connection c = DriverManager.getConnection(url, "postgres", password)) {
            for (int i = 0; i < VENUES; i++) {
                var s = c.prepareStatement("select id from checkin_venue where code = ?");
                s.setString(1, codes[i]);
                var rs = s.executeQuery();
                rs.next();
                venueIds[i] = rs.getLong(1);
            }
            var s = c.prepareStatement("select min(visitor_id) from checkin_checkin c join checkin_venue v on v.id = c.venue_id "
                    + "where v.code = ?");
            for (int i = 0; i < VISITORS; i++) {
                s.setString(1, codes[i % VENUES]);
                var rs = s.executeQuery();
                rs.next();
                visitorIds[i] = rs.getLong(1); // any real visitor row will do for the raw baseline
            }
        }
        System.out.printf("%-6s %12s %10s %10s %12s %10s %10s %8s%n", "conc", "http req/s", "http p50", "http p99",
                "raw ins/s", "raw p50", "raw p99", "ratio");
        double best = 0;
        for (int n : CONCURRENCY) {
            Result h = closedLoop(n, seconds, CheckinBench::httpCheckin);
            Result r = closedLoopJdbc(n, seconds, url, password, venueIds, visitorIds);
            best = Math.max(best, h.throughput);
            System.out.printf("%-6d %12.0f %8.1fms %8.1fms %12.0f %8.1fms %8.1fms %7.0f%%%n", n, h.throughput, h.p50, h.p99,
                    r.throughput, r.p50, r.p99, 100 * h.throughput / r.throughput);
        }
        double rate = best * 0.7;
        Result open = openLoop(rate, seconds * 2);
        System.out.printf("open loop at 70%% of max (%.0f req/s offered): %.0f req/s done, p50 %.1f ms, p99 %.1f ms, errors %d%n",
                rate, open.throughput, open.p50, open.p99, open.errors);
    }

    record Result(double throughput, double p50, double p99, long errors) {
    }

    interface Call {
        boolean run() throws Exception;
    }

    static boolean httpCheckin() throws Exception {
        long k = pair.getAndIncrement();
        int visitor = (int) (k % VISITORS);
        int venue = (int) ((k / VISITORS + visitor) % VENUES);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/checkin/" + codes[venue]))
                .header("Content-Type", "application/json").header("X-Visitor-Token", tokens[visitor])
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 201;
    }

    static Result closedLoop(int n, int seconds, Call call) throws Exception {
        for (long end = System.nanoTime() + 1_000_000_000L; System.nanoTime() < end; ) {
            call.run(); // warm up
        }
        ConcurrentLinkedQueue<long[]> all = new ConcurrentLinkedQueue<>();
        AtomicLong errors = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        CountDownLatch done = new CountDownLatch(n);
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int t = 0; t < n; t++) {
                pool.submit(() -> {
                    long[] lat = new long[1 << 20];
                    int count = 0;
                    try {
                        while (System.nanoTime() < end) {
                            long s = System.nanoTime();
                            if (!call.run()) {
                                errors.incrementAndGet();
                            }
                            if (count < lat.length) {
                                lat[count++] = System.nanoTime() - s;
                            }
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                    all.add(Arrays.copyOf(lat, count));
                    done.countDown();
                    return null;
                });
            }
            done.await();
        }
        return summarize(all, seconds, errors.get());
    }

    static Result closedLoopJdbc(int n, int seconds, String url, String password, long[] venues, long[] visitors)
            throws Exception {
        List<Connection> connections = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            connections.add(DriverManager.getConnection(url, "postgres", password));
        }
        AtomicLong k = new AtomicLong();
        ThreadLocal<PreparedStatement> statements = new ThreadLocal<>();
        AtomicLong next = new AtomicLong();
        try {
            ConcurrentLinkedQueue<long[]> all = new ConcurrentLinkedQueue<>();
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            CountDownLatch done = new CountDownLatch(n);
            try (var pool = Executors.newFixedThreadPool(n)) {
                for (int t = 0; t < n; t++) {
                    Connection c = connections.get((int) next.getAndIncrement());
                    pool.submit(() -> {
                        PreparedStatement insert = c.prepareStatement("insert into checkin_checkin (venue_id, visitor_id, "
                                + "checked_in_at, consent_version) values (?, ?, now(), null) returning id");
                        for (long warm = System.nanoTime() + 1_000_000_000L; System.nanoTime() < warm; ) {
                            row(insert, k.getAndIncrement(), venues, visitors);
                        }
                        long[] lat = new long[1 << 20];
                        int count = 0;
                        while (System.nanoTime() < end) {
                            long s = System.nanoTime();
                            row(insert, k.getAndIncrement(), venues, visitors);
                            if (count < lat.length) {
                                lat[count++] = System.nanoTime() - s;
                            }
                        }
                        all.add(Arrays.copyOf(lat, count));
                        done.countDown();
                        return null;
                    });
                }
                done.await();
            }
            return summarize(all, seconds, 0);
        } finally {
            for (Connection c : connections) {
                c.close();
            }
        }
    }

    static void row(PreparedStatement insert, long k, long[] venues, long[] visitors) throws Exception {
        insert.setLong(1, venues[(int) (k % venues.length)]);
        insert.setLong(2, visitors[(int) (k % visitors.length)]);
        try (var rs = insert.executeQuery()) {
            rs.next();
        }
    }

    static Result openLoop(double rate, int seconds) throws Exception {
        long interval = (long) (1_000_000_000L / rate);
        ConcurrentLinkedQueue<Long> lat = new ConcurrentLinkedQueue<>();
        AtomicLong errors = new AtomicLong();
        long start = System.nanoTime();
        long total = (long) (rate * seconds);
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (long i = 0; i < total; i++) {
                long due = start + i * interval;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(wait);
                }
                pool.submit(() -> {
                    try {
                        if (!httpCheckin()) {
                            errors.incrementAndGet();
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                    lat.add(System.nanoTime() - due); // from the intended send time: no coordinated omission
                    return null;
                });
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long[] sorted = lat.stream().mapToLong(Long::longValue).sorted().toArray();
        return new Result(sorted.length / elapsed, pct(sorted, 0.50), pct(sorted, 0.99), errors.get());
    }

    static Result summarize(ConcurrentLinkedQueue<long[]> all, int seconds, long errors) {
        long[] sorted = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        return new Result(sorted.length / (double) seconds, pct(sorted, 0.50), pct(sorted, 0.99), errors);
    }

    static double pct(long[] sorted, double p) {
        return sorted.length == 0 ? Double.NaN : sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))] / 1e6;
    }

    static String send(HttpRequest request, int expected) throws Exception {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(request.uri() + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(1);
    }

    static String jdbcUrl(Path data) throws Exception {
        List<String> pid = Files.readAllLines(data.resolve("postgres").resolve("postmaster.pid"));
        return "jdbc:postgresql://127.0.0.1:" + pid.get(3).strip() + "/townbrain";
    }
}
