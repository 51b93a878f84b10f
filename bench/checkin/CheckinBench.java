import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Check-ins through the real HTTP endpoint (POST /api/checkin/{code} with X-Visitor-Token: a
 * returning visitor, one new row each) at rising concurrency, beside raw single-row INSERTs of
 * the same rows into the same PostgreSQL at the same concurrency, in the same run; then an
 * open-loop run at 70% of the highest HTTP throughput for p99. See README.md.
 *
 * <p>Both sides are driven the same way: one platform thread per worker, each with its own
 * persistent blocking connection (a JDBC connection; an HTTP/1.1 keep-alive socket), one second
 * of warm-up, then all workers start together and run for the same measured seconds. The HTTP
 * side speaks HTTP/1.1 over a plain socket rather than through java.net.http.HttpClient, whose
 * selector thread and futures cost several times the CPU of the JDBC driver per call; on 2 cores
 * shared with the server that would be charged to the server ({@code -Dclient=jdk} still uses
 * it). Like a phone's browser, it accepts gzip.
 *
 * <p>Every measured check-in must insert a row: 10,000 visitors and 100 venues give a million
 * (visitor, venue) pairs, taken in turn, so no request is answered as a repeat scan of the same
 * visit (which inserts nothing). The rows are counted to prove it.
 *
 * <p>A third column group runs the application's own returning-visitor statement over plain JDBC:
 * the difference between it and the raw INSERT is the cost of the SQL, the difference between it
 * and HTTP the cost of the web stack.
 *
 * <p>Usage: java [-Dapp.pid=PID] [-Dclient=jdk] [-Dopen=false] [-DhttpOnly=true] -cp postgresql.jar
 * bench/checkin/CheckinBench.java http://localhost:8082 ./data [seconds] [1,2,4,…]
 */
public class CheckinBench {

    static final int VENUES = 100;
    static final int VISITORS = 10_000;
    static int[] concurrency = {1, 2, 4, 8, 16, 32, 64};

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newVirtualThreadPerTaskExecutor()).connectTimeout(Duration.ofSeconds(5)).build();
    static final boolean JDK_CLIENT = "jdk".equals(System.getProperty("client"));
    /** Only the HTTP closed loop, for comparing two builds of the application. */
    static final boolean HTTP_ONLY = Boolean.getBoolean("httpOnly");
    static URI base;
    static String[] codes = new String[VENUES];
    static String[] tokens = new String[VISITORS];
    static long[] venueIds = new long[VENUES];
    static long[] visitorIds = new long[VISITORS];
    /**
     * Check-in k (HTTP or the app's statement) is visitor k % VISITORS at venue (k / VISITORS + visitor + 1) % VENUES:
     * 990,000 distinct pairs before any repeats, none of them a first visit's (visitor i at venue i % VENUES), more
     * than a run makes, so no check-in is a same-visit repeat.
     */
    static final AtomicLong pair = new AtomicLong();
    /**
     * The raw INSERTs, which do not ask about the same visit, take their own counter and the first visits' pairs, so
     * their rows are never mistaken for an open visit by a later check-in.
     */
    static final AtomicLong rawRow = new AtomicLong();

    public static void main(String[] args) throws Exception {
        base = URI.create(args[0]);
        Path data = Path.of(args[1]);
        Cpu.data = data;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        if (args.length > 3) {
            concurrency = Arrays.stream(args[3].split(",")).mapToInt(Integer::parseInt).toArray();
        }
        String basic = "Basic " + Base64.getEncoder().encodeToString("meicheng:demo".getBytes(StandardCharsets.UTF_8));
        long run = System.currentTimeMillis() % 100_000;
        for (int i = 0; i < VENUES; i++) {
            String body = send(HttpRequest.newBuilder(base.resolve("/api/checkin/venues")).header("Authorization", basic)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                            "{\"name\":\"压测场所" + run + "-" + i + "\",\"townCode\":\"330182104\",\"type\":\"OTHER\"}")).build(), 201);
            codes[i] = field(body, "code");
        }
        long[] firstCheckins = new long[VISITORS];
        try (var pool = Executors.newFixedThreadPool(4)) {
            List<java.util.concurrent.Future<?>> firstVisits = new ArrayList<>();
            for (int v = 0; v < VISITORS; v++) {
                int i = v;
                firstVisits.add(pool.submit(() -> {
                    String phone = String.format("19%04d%05d", run % 10_000, i);
                    String body = send(HttpRequest.newBuilder(base.resolve("/api/checkin/" + codes[i % VENUES]))
                            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"phone\":\"" + phone + "\",\"consent\":true}")).build(), 201);
                    tokens[i] = field(body, "visitorToken");
                    Matcher id = Pattern.compile("\"checkinId\":(\\d+)").matcher(body);
                    firstCheckins[i] = id.find() ? Long.parseLong(id.group(1)) : -1;
                    return null;
                }));
            }
            for (var firstVisit : firstVisits) {
                firstVisit.get();
            }
        }
        String url = jdbcUrl(data);
        String password = Files.readString(data.resolve("postgres.secret")).strip();
        try (Connection admin = DriverManager.getConnection(url, "postgres", password)) {
            var venue = admin.prepareStatement("select id from checkin_venue where code = ?");
            for (int i = 0; i < VENUES; i++) {
                venue.setString(1, codes[i]);
                try (var rs = venue.executeQuery()) {
                    rs.next();
                    venueIds[i] = rs.getLong(1);
                }
            }
            var visitor = admin.prepareStatement("select visitor_id from checkin_checkin where id = ?");
            for (int i = 0; i < VISITORS; i++) {
                visitor.setLong(1, firstCheckins[i]);
                try (var rs = visitor.executeQuery()) {
                    rs.next();
                    visitorIds[i] = rs.getLong(1);
                }
            }
            // the first visits grew the tables from a few demo rows: plan with their statistics, as autovacuum would
            // within a minute, not with an empty token table's (one run met a sequential scan per check-in there)
            admin.createStatement().execute("analyze checkin_venue, checkin_visitor, checkin_visitor_token, checkin_checkin");
            measure(admin, url, password, seconds);
        }
    }

    static void measure(Connection admin, String url, String password, int seconds) throws Exception {
        System.out.printf("client: %s; cpu = µs of CPU per request: load generator / app / PostgreSQL%n",
                JDK_CLIENT ? "java.net.http.HttpClient" : "HTTP/1.1 keep-alive socket per worker");
        System.out.printf("%-5s %10s %8s %8s %10s %8s %8s %6s   %-17s %-17s | %9s %8s %8s  %-11s%n", "conc", "http req/s",
                "http p50", "http p99", "raw ins/s", "raw p50", "raw p99", "ratio", "http cpu gen/app/pg",
                "raw cpu gen/-/pg", "app sql/s", "sql p50", "sql p99", "sql cpu gen/pg");
        double best = 0;
        for (int n : concurrency) {
            long rowsBefore = rows(admin);
            Result h = closedLoop(n, seconds, () -> {
                Http11 connection = JDK_CLIENT ? null : new Http11(base);
                return () -> httpCheckin(connection);
            });
            long httpRows = rows(admin) - rowsBefore;
            if (HTTP_ONLY) {
                System.out.printf("%-5d %10.0f %6.1fms %6.1fms   %s%n", n, h.throughput, h.p50, h.p99, h.cpu.perRequest(h.requests()));
                continue;
            }
            Result r = jdbcLoop(n, seconds, url, password, c -> {
                PreparedStatement insert = c.prepareStatement("insert into checkin_checkin (venue_id, visitor_id, "
                        + "checked_in_at, consent_version) values (?, ?, now(), null) returning id");
                return () -> row(insert);
            });
            rowsBefore = rows(admin);
            Result q = jdbcLoop(n, seconds, url, password, c -> {
                PreparedStatement statement = c.prepareStatement(RETURNING);
                return () -> returning(statement);
            });
            long sqlRows = rows(admin) - rowsBefore;
            best = Math.max(best, h.throughput);
            String sqlCpu = q.cpu.perRequest(q.requests());
            System.out.printf("%-5d %10.0f %6.1fms %6.1fms %10.0f %6.1fms %6.1fms %5.0f%%   %s %s | %9.0f %6.1fms %6.1fms  %s%n",
                    n, h.throughput, h.p50, h.p99, r.throughput, r.p50, r.p99, 100 * h.throughput / r.throughput,
                    h.cpu.perRequest(h.requests()), r.cpu.perRequest(r.requests()), q.throughput, q.p50, q.p99,
                    sqlCpu.substring(0, 5) + sqlCpu.substring(11));
            if (h.errors + r.errors + q.errors > 0 || httpRows != h.succeeded || sqlRows != q.succeeded) {
                System.out.printf("      errors: http %d, raw %d, sql %d; rows inserted: http %d of %d, sql %d of %d%n",
                        h.errors, r.errors, q.errors, httpRows, h.succeeded, sqlRows, q.succeeded);
            }
        }
        if (!Boolean.parseBoolean(System.getProperty("open", "true"))) {
            return;
        }
        double rate = best * 0.7;
        long rowsBefore = rows(admin);
        Result open = openLoop(rate, seconds * 2);
        long openRows = rows(admin) - rowsBefore;
        System.out.printf("open loop at 70%% of max (%.0f req/s offered): %.0f req/s done, p50 %.1f ms, p99 %.1f ms, "
                + "p99.9 %.1f ms, max %.1f ms, errors %d, rows %d of %d, cpu %s%n", rate, open.throughput, open.p50, open.p99,
                open.p999, open.max, open.errors, openRows, open.succeeded, open.cpu.perRequest(open.requests()));
    }

    /**
     * @param succeeded successful calls including the warm-up, to compare with the rows inserted
     */
    record Result(double throughput, double seconds, double p50, double p99, double p999, double max, long errors,
            long succeeded, Cpu cpu) {

        long requests() {
            return Math.round(throughput * seconds);
        }
    }

    interface Call {
        boolean run() throws Exception;
    }

    interface Worker {
        Call open() throws Exception;
    }

    interface JdbcWorker {
        Call open(Connection connection) throws Exception;
    }

    static boolean httpCheckin(Http11 connection) throws Exception {
        long k = pair.getAndIncrement();
        int visitor = (int) (k % VISITORS);
        int venue = (int) ((k / VISITORS + visitor + 1) % VENUES);
        if (connection != null) {
            return connection.post("/api/checkin/" + codes[venue], tokens[visitor]) == 201;
        }
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(base.resolve("/api/checkin/" + codes[venue]))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .header("Accept-Encoding", "gzip, deflate, br").header("X-Visitor-Token", tokens[visitor])
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 201;
    }

    /**
     * n workers, each on its own platform thread with its own connection: one second of warm-up
     * each, then all start together and run for {@code seconds}; CPU is read at both ends.
     */
    static Result closedLoop(int n, int seconds, Worker worker) throws Exception {
        ConcurrentLinkedQueue<long[]> all = new ConcurrentLinkedQueue<>();
        AtomicLong errors = new AtomicLong();
        AtomicLong measured = new AtomicLong();
        AtomicLong succeeded = new AtomicLong();
        AtomicLong end = new AtomicLong();
        AtomicReference<Cpu> before = new AtomicReference<>();
        CyclicBarrier start = new CyclicBarrier(n, () -> {
            before.set(Cpu.now());
            end.set(System.nanoTime() + seconds * 1_000_000_000L);
        });
        CountDownLatch done = new CountDownLatch(n);
        try (var pool = Executors.newFixedThreadPool(n)) {
            for (int t = 0; t < n; t++) {
                pool.submit(() -> {
                    long[] lat = new long[1 << 19];
                    int count = 0;
                    long ok = 0;
                    long warm = 0;
                    try {
                        Call call = worker.open();
                        for (long until = System.nanoTime() + 1_000_000_000L; System.nanoTime() < until; ) {
                            warm += call.run() ? 1 : 0;
                        }
                        start.await();
                        while (System.nanoTime() < end.get()) {
                            long s = System.nanoTime();
                            if (call.run()) {
                                ok++;
                            } else {
                                errors.incrementAndGet();
                            }
                            if (count < lat.length) {
                                lat[count++] = System.nanoTime() - s;
                            }
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                        start.reset();
                    } finally {
                        measured.addAndGet(ok);
                        succeeded.addAndGet(ok + warm);
                        all.add(Arrays.copyOf(lat, count));
                        done.countDown();
                    }
                    return null;
                });
            }
            done.await();
        }
        Cpu used = Cpu.now().minus(before.get());
        long[] sorted = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        return new Result(measured.get() / (double) seconds, seconds, pct(sorted, 0.50), pct(sorted, 0.99),
                pct(sorted, 0.999), pct(sorted, 1), errors.get(), succeeded.get(), used);
    }

    /** A closed loop over JDBC, one connection per worker, closed afterwards. */
    static Result jdbcLoop(int n, int seconds, String url, String password, JdbcWorker worker) throws Exception {
        List<Connection> connections = new ArrayList<>();
        try {
            return closedLoop(n, seconds, () -> {
                Connection c = DriverManager.getConnection(url, "postgres", password);
                synchronized (connections) {
                    connections.add(c);
                }
                return worker.open(c);
            });
        } finally {
            for (Connection c : connections) {
                c.close();
            }
        }
    }

    static boolean row(PreparedStatement insert) throws Exception {
        long k = rawRow.getAndIncrement();
        int visitor = (int) (k % VISITORS);
        insert.setLong(1, venueIds[visitor % VENUES]); // a first visit's pair, which no measured check-in uses
        insert.setLong(2, visitorIds[visitor]);
        try (var rs = insert.executeQuery()) {
            return rs.next();
        }
    }

    /**
     * What the application runs for a returning visitor who is written alone (ReturningCheckins, a
     * group of one): the function checkin_returning_group. Runs before 2026-11-27 08:55 measured the
     * single statement it replaced.
     */
    static final String RETURNING = "select * from checkin_returning_group(array[?], array[?], ?, ?, ?)";

    static boolean returning(PreparedStatement statement) throws Exception {
        long k = pair.getAndIncrement();
        int visitor = (int) (k % VISITORS);
        int venue = (int) ((k / VISITORS + visitor + 1) % VENUES);
        Instant now = Instant.now();
        statement.setString(1, codes[venue]);
        statement.setString(2, java.util.HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(tokens[visitor].getBytes(StandardCharsets.US_ASCII))));
        statement.setTimestamp(3, Timestamp.from(now));
        statement.setTimestamp(4, Timestamp.from(now.minus(Duration.ofHours(1))));
        statement.setTimestamp(5, Timestamp.from(now.minus(Duration.ofHours(2))));
        try (var rs = statement.executeQuery()) {
            return rs.next();
        }
    }

    static long rows(Connection admin) throws Exception {
        try (var s = admin.prepareStatement("select count(*) from checkin_checkin where venue_id = any(?)")) {
            s.setArray(1, admin.createArrayOf("bigint", Arrays.stream(venueIds).boxed().toArray()));
            try (var rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * Requests sent on a fixed schedule whatever the answers do; latency is measured from the
     * intended send time, so a stall is charged to every request it delays (no coordinated
     * omission). Each request takes an idle keep-alive connection or opens a new one.
     */
    /**
     * Constant throughput over a fixed set of keep-alive connections, as wrk2 does it: request i is
     * due at start + i / rate; a connection takes the next due request, waits for its time, sends it,
     * and its latency counts from the time it was due, so a stall is charged to every request it
     * delays (no coordinated omission). The connections are as many as the widest closed loop
     * ({@code -Dopen.connections}). An earlier version opened a new connection whenever none was
     * idle; one hiccup then snowballed into thousands of TCP connects, and the load generator's own
     * CPU (441 µs a request) became what was measured.
     */
    static Result openLoop(double rate, int seconds) throws Exception {
        int connections = Integer.getInteger("open.connections", Arrays.stream(concurrency).max().orElse(32));
        double interval = 1e9 / rate;
        long total = (long) (rate * seconds);
        ConcurrentLinkedQueue<long[]> all = new ConcurrentLinkedQueue<>();
        AtomicLong next = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicLong succeeded = new AtomicLong();
        List<Http11> open = new ArrayList<>();
        for (int c = 0; c < connections && !JDK_CLIENT; c++) {
            open.add(new Http11(base));
        }
        Cpu before = Cpu.now();
        long start = System.nanoTime() + 50_000_000L;
        try (var pool = Executors.newFixedThreadPool(connections)) {
            for (int c = 0; c < connections; c++) {
                Http11 connection = JDK_CLIENT ? null : open.get(c);
                pool.submit(() -> {
                    long[] lat = new long[(int) Math.min(total, 1 << 22)];
                    int count = 0;
                    for (long i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                        long due = start + (long) (i * interval);
                        for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                            LockSupport.parkNanos(wait);
                        }
                        try {
                            if (httpCheckin(connection)) {
                                succeeded.incrementAndGet();
                            } else {
                                errors.incrementAndGet();
                            }
                        } catch (Exception e) {
                            errors.incrementAndGet();
                        }
                        if (count < lat.length) {
                            lat[count++] = System.nanoTime() - due;
                        }
                    }
                    all.add(Arrays.copyOf(lat, count));
                    return null;
                });
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        Cpu used = Cpu.now().minus(before);
        for (Http11 c : open) {
            c.close();
        }
        long[] sorted = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        return new Result(succeeded.get() / elapsed, elapsed, pct(sorted, 0.50), pct(sorted, 0.99), pct(sorted, 0.999),
                pct(sorted, 1), errors.get(), succeeded.get(), used);
    }

    static double pct(long[] sorted, double p) {
        return sorted.length == 0 ? Double.NaN : sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))] / 1e6;
    }

    /**
     * One HTTP/1.1 connection, used by one worker at a time: write the request, read the status
     * line, the headers and the body (by Content-Length or chunked). Reconnects when the server
     * closes the connection (Tomcat does after max-keep-alive-requests).
     */
    static final class Http11 implements AutoCloseable {

        private final URI base;
        private Socket socket;
        private OutputStream out;
        private InputStream in;

        Http11(URI base) throws IOException {
            this.base = base;
            connect();
        }

        private void connect() throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5000);
            socket.setSoTimeout(60_000);
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream(), 8192);
        }

        int post(String path, String token) throws IOException {
            byte[] request = ("POST " + path + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                    + "\r\nContent-Type: application/json\r\nAccept: application/json\r\nAccept-Encoding: gzip, deflate, br"
                    + "\r\nX-Visitor-Token: " + token + "\r\nContent-Length: 2\r\n\r\n{}").getBytes(StandardCharsets.US_ASCII);
            if (socket.isClosed()) {
                connect();
            }
            out.write(request);
            out.flush();
            int code = Integer.parseInt(line().substring(9, 12));
            long length = -1;
            boolean chunked = false;
            boolean close = false;
            for (String header = line(); !header.isEmpty(); header = line()) {
                String lower = header.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(lower.substring(15).strip());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                } else if (lower.startsWith("connection:") && lower.contains("close")) {
                    close = true;
                }
            }
            if (chunked) {
                for (long size = chunkSize(); size > 0; size = chunkSize()) {
                    in.skipNBytes(size);
                    line();
                }
                line();
            } else if (length > 0) {
                in.skipNBytes(length);
            }
            if (close) {
                socket.close();
            }
            return code;
        }

        private long chunkSize() throws IOException {
            return Long.parseLong(line().split(";")[0].strip(), 16);
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder();
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    throw new EOFException("connection closed");
                }
                if (b != '\r') {
                    line.append((char) b);
                }
            }
            return line.toString();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /**
     * CPU time in microseconds used by the load generator (this JVM), the application (when
     * {@code -Dapp.pid} names it) and PostgreSQL (postmaster, live backends and the backends that
     * have exited), from /proc. On 2 shared cores the sum per request is what bounds throughput.
     */
    record Cpu(long generator, long app, long postgres) {

        static Path data;

        static Cpu now() {
            long generator = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean()).getProcessCpuTime() / 1000;
            long app = Long.getLong("app.pid", -1) < 0 ? 0 : ticks(Long.getLong("app.pid"), false);
            long postmaster;
            try {
                postmaster = Long.parseLong(Files.readAllLines(data.resolve("postgres").resolve("postmaster.pid")).get(0).strip());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            long postgres = ticks(postmaster, true) + ProcessHandle.of(postmaster).map(p -> p.children()
                    .mapToLong(c -> ticks(c.pid(), false)).sum()).orElse(0L);
            return new Cpu(generator, app * 10_000, postgres * 10_000); // clock ticks are 10 ms (USER_HZ 100)
        }

        /** utime + stime (and the waited-for children's, for the postmaster) in clock ticks; 0 once gone. */
        static long ticks(long pid, boolean withChildren) {
            try {
                String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                // after "pid (comm) ": the state is f[0], so utime (field 14 of proc(5)) is f[11]
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                long t = Long.parseLong(f[11]) + Long.parseLong(f[12]);
                return withChildren ? t + Long.parseLong(f[13]) + Long.parseLong(f[14]) : t;
            } catch (IOException | RuntimeException gone) {
                return 0;
            }
        }

        Cpu minus(Cpu before) {
            return new Cpu(generator - before.generator, app - before.app, postgres - before.postgres);
        }

        String perRequest(long requests) {
            long n = Math.max(1, requests);
            return String.format("%5d %5d %5d", generator / n, app / n, postgres / n);
        }
    }

    static String send(HttpRequest request, int expected) throws Exception {
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
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
