package org.townbrain.platform.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server run from the binaries bundled with the application, keeping its data in
 * a persistent directory.
 *
 * <p>We use zonky's binary artifacts and resolver but run {@code initdb} and {@code pg_ctl}
 * ourselves, because zonky's launcher cannot run as root (PostgreSQL refuses to), cannot keep
 * a data directory across a crash without manual cleanup, and gives no hook for either. Here:
 * <ul>
 *   <li>as root, the server runs as the unprivileged {@code nobody} user via {@code setpriv};
 *   <li>a JVM-wide file lock on the data directory proves no other TownBrain uses it, so a
 *       server still running there is an orphan of a killed process and is stopped first;
 *   <li>the server listens on a free loopback port only, with password authentication.
 * </ul>
 * One server per data directory per JVM: tests that start several Spring contexts share it.
 */
public final class EmbeddedPostgresServer {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final String DATABASE = "townbrain";
    private static final String SUPERUSER = "postgres";
    private static final int UNPRIVILEGED_UID = 65534;

    private static final java.util.Map<Path, EmbeddedPostgresServer> RUNNING = new java.util.HashMap<>();
    private static EmbeddedPostgresServer ephemeralServer;

    private final Path dataRoot;
    private Path serverHome;
    private Path pgData;
    private final Path binaries;
    private final boolean durable;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private String password;
    private boolean ephemeral;
    private Thread shutdownHook;
    private boolean stopped;
    private int port;

    private EmbeddedPostgresServer(Path dataRoot, boolean durable) throws IOException {
        this.dataRoot = dataRoot.toAbsolutePath().normalize();
        this.durable = durable;
        Files.createDirectories(this.dataRoot);
        this.lockChannel = FileChannel.open(this.dataRoot.resolve("townbrain.lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        this.lock = lockChannel.tryLock();
        if (lock == null) {
            lockChannel.close();
            throw new IllegalStateException("Another TownBrain process is using the data directory "
                    + this.dataRoot + "; stop it or set townbrain.data-dir to another directory");
        }
        this.binaries = PostgresBinaries.extract();
    }

    /**
     * Starts the server for {@code dataRoot}, or returns the one this JVM already runs there.
     *
     * @param durable whether writes must survive a power cut ({@code false} turns off fsync,
     *     for tests only)
     */
    public static synchronized EmbeddedPostgresServer start(Path dataRoot, boolean durable) {
        Path root = dataRoot.toAbsolutePath().normalize();
        EmbeddedPostgresServer existing = RUNNING.get(root);
        if (existing != null) {
            return existing;
        }
        try {
            EmbeddedPostgresServer server = new EmbeddedPostgresServer(root, durable);
            server.startServer();
            RUNNING.put(root, server);
            server.shutdownHook = new Thread(server::stop, "embedded-postgres-stop");
            Runtime.getRuntime().addShutdownHook(server.shutdownHook);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + root, e);
        }
    }

    /**
     * Starts (or returns) a throw-away server for this JVM: fsync off, data in a fresh
     * directory under {@code target/} (or the temp directory) that is deleted at exit.
     */
    public static synchronized EmbeddedPostgresServer startEphemeral() {
        if (ephemeralServer != null) {
            return ephemeralServer;
        }
        try {
            Path parent = Files.isDirectory(Path.of("target")) ? Path.of("target")
                    : Path.of(System.getProperty("java.io.tmpdir"));
            Path dir = Files.createTempDirectory(parent, "townbrain-db-");
            restrictTo(dir, "rwxr-xr-x");
            EmbeddedPostgresServer server = start(dir, false);
            server.ephemeral = true;
            ephemeralServer = server;
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts (or returns) a streaming standby of {@code primary} in {@code dataRoot}: a read replica
     * for trying replicas on one machine and for tests (production replicas are the database
     * operators' business). On its first start it copies the primary's cluster between
     * {@code pg_backup_start} and {@code pg_backup_stop} while the primary keeps running, then
     * follows the primary's WAL over a replication connection; it refuses every write.
     */
    public static synchronized EmbeddedPostgresServer startStandby(EmbeddedPostgresServer primary, Path dataRoot) {
        Path root = dataRoot.toAbsolutePath().normalize();
        EmbeddedPostgresServer existing = RUNNING.get(root);
        if (existing != null) {
            return existing;
        }
        try {
            EmbeddedPostgresServer server = new EmbeddedPostgresServer(root, false);
            Path secret = root.resolve("postgres.secret");
            Files.writeString(secret, primary.password, StandardCharsets.UTF_8);
            restrictToOwner(secret);
            server.serverHome = server.serverHome();
            server.pgData = server.serverHome.resolve("postgres");
            if (!Files.exists(server.pgData.resolve("PG_VERSION"))) {
                server.copyForStandby(primary);
            }
            server.startServer();
            RUNNING.put(root, server);
            server.shutdownHook = new Thread(server::stop, "embedded-postgres-standby-stop");
            Runtime.getRuntime().addShutdownHook(server.shutdownHook);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start a standby of the embedded PostgreSQL in " + root, e);
        }
    }

    /** An online base copy of the primary's cluster, made into a standby that streams from it. */
    private void copyForStandby(EmbeddedPostgresServer primary) throws IOException {
        String adminUrl = "jdbc:postgresql://127.0.0.1:" + primary.port + "/postgres";
        try (Connection c = DriverManager.getConnection(adminUrl, SUPERUSER, primary.password);
                var statement = c.createStatement()) {
            statement.execute("select pg_backup_start('townbrain-standby', true)");
            Files.createDirectories(pgData);
            restrictTo(pgData, "rwx------");
            Path source = primary.pgData;
            try (var files = Files.walk(source)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    Path relative = source.relativize(file);
                    if (relative.toString().isEmpty() || skippedInBaseCopy(relative)) {
                        continue;
                    }
                    Path target = pgData.resolve(relative.toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(target);
                        restrictTo(target, "rwx------");
                    } else {
                        try {
                            Files.copy(file, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                        } catch (java.nio.file.NoSuchFileException goneMeanwhile) {
                            // a temporary file the running server removed: the WAL replays what matters
                        }
                    }
                }
            }
            try (var stop = statement.executeQuery("select labelfile from pg_backup_stop(false)")) {
                stop.next();
                Files.writeString(pgData.resolve("backup_label"), stop.getString(1), StandardCharsets.UTF_8);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not copy the primary's cluster for a standby", e);
        }
        Files.createFile(pgData.resolve("standby.signal"));
        Files.writeString(pgData.resolve("postgresql.auto.conf"), "\nprimary_conninfo = 'host=127.0.0.1 port="
                + primary.port + " user=" + SUPERUSER + " password=" + primary.password
                + " application_name=townbrain_standby'\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        notice(false, "Created a standby of the PostgreSQL on port " + primary.port + " in " + pgData);
    }

    /** What pg_basebackup leaves out of a base copy: run-time state, WAL (streamed instead), temp files. */
    private static boolean skippedInBaseCopy(Path relative) {
        String first = relative.getName(0).toString();
        if (relative.getNameCount() == 1) {
            return List.of("postmaster.pid", "postmaster.opts", "backup_label", "tablespace_map",
                    "postgresql.auto.conf.tmp", "current_logfiles").contains(first);
        }
        return List.of("pg_wal", "pg_replslot", "pg_stat_tmp", "pg_dynshmem", "pg_notify", "pg_serial",
                "pg_snapshots", "pg_subtrans").contains(first)
                || relative.getFileName().toString().startsWith("pgsql_tmp");
    }

    /**
     * Hands the stop over to Spring Boot's shutdown handlers, which run after every application
     * context has closed: the pool, schedulers and event publication finish their work on a live
     * database instead of waiting for connection time-outs on a dead one.
     */
    public void stopAfterSpringContexts() {
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException alreadyShuttingDown) {
                return;
            }
            shutdownHook = null;
            org.springframework.boot.SpringApplication.getShutdownHandlers().add(this::stop);
        }
    }

    /** Something worth telling the operator: logged now and kept for replay once logging is up. */
    public record Notice(boolean warning, String message) {
    }

    private final List<Notice> notices = new ArrayList<>();

    private void notice(boolean warning, String message) {
        notices.add(new Notice(warning, message));
        if (warning) {
            log.warn(message);
        } else {
            log.info(message);
        }
    }

    /** Notices since the last call; the environment post-processor replays them into the log. */
    public synchronized List<Notice> drainNotices() {
        List<Notice> drained = List.copyOf(notices);
        notices.clear();
        return drained;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    public String username() {
        return SUPERUSER;
    }

    public String password() {
        return password;
    }

    public int port() {
        return port;
    }

    public Path dataDirectory() {
        return pgData;
    }

    private void startServer() throws IOException {
        long started = System.nanoTime();
        password = readOrCreatePassword();
        serverHome = serverHome();
        pgData = serverHome.resolve("postgres");
        if (!Files.exists(pgData.resolve("PG_VERSION"))) {
            initdb();
        }
        stopOrphanedServer();
        port = freePort();
        launch();
        createDatabaseIfMissing();
        notice(false, "Embedded PostgreSQL " + PostgresBinaries.VERSION + " ready on 127.0.0.1:" + port
                + " with data in " + pgData + " (" + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) + " ms)");
    }

    /**
     * Starts the server again on the same port and data after its postmaster died (a crash,
     * {@code kill -9}): PostgreSQL replays its WAL, and pools that kept the address reconnect.
     * Does nothing while the postmaster runs.
     */
    public synchronized void restartAfterCrash() throws IOException {
        Path pidFile = pgData.resolve("postmaster.pid");
        if (Files.exists(pidFile)) {
            List<String> lines = Files.readAllLines(pidFile);
            if (!lines.isEmpty() && ProcessHandle.of(Long.parseLong(lines.get(0).strip())).map(ProcessHandle::isAlive).orElse(false)) {
                return;
            }
        }
        stopOrphanedServer();
        // the dead postmaster's backends notice its death and leave within moments; until they have,
        // the new server refuses to start on the shared memory they still hold
        for (int attempt = 1; ; attempt++) {
            try {
                launch();
                break;
            } catch (IOException | RuntimeException stillHeld) {
                if (attempt >= 20) {
                    throw stillHeld;
                }
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while restarting PostgreSQL", e);
                }
            }
        }
        notice(false, "Embedded PostgreSQL restarted on 127.0.0.1:" + port + " after its server process died");
    }

    /** The postmaster's process id, from {@code postmaster.pid}, while it runs. */
    public java.util.OptionalLong postmasterPid() throws IOException {
        Path pidFile = pgData.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return java.util.OptionalLong.empty();
        }
        List<String> lines = Files.readAllLines(pidFile);
        return lines.isEmpty() ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(Long.parseLong(lines.get(0).strip()));
    }

    private void launch() throws IOException {
        Path logFile = serverHome.resolve("postgres.log");
        if (!Files.exists(logFile)) {
            Files.createFile(logFile);
        }
        handOverToServerUser(pgData, logFile);
        String options = "-p " + port + " -h 127.0.0.1 -c unix_socket_directories=''"
                + " -c max_connections=200 -c shared_buffers=128MB"
                + (durable ? "" : " -c fsync=off -c synchronous_commit=off -c full_page_writes=off");
        org.townbrain.platform.StartupProgress.step("starting PostgreSQL on 127.0.0.1:" + port);
        run(Duration.ofMinutes(2), pgCtl(), "-D", pgData.toString(), "-l", logFile.toString(),
                "-o", options, "-w", "-t", "90", "start");
    }

    /** Stops the server and releases its data directory; safe to call twice. */
    public void stop() {
        synchronized (EmbeddedPostgresServer.class) {
            if (stopped) {
                return;
            }
            stopped = true;
            RUNNING.remove(dataRoot);
        }
        if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook is running or about to
            }
        }
        try {
            if (Files.exists(pgData.resolve("postmaster.pid"))) {
                run(Duration.ofMinutes(1), pgCtl(), "-D", pgData.toString(), "-m", "fast", "-w", "stop");
            }
        } catch (RuntimeException | IOException e) {
            log.warn("Could not stop the embedded PostgreSQL cleanly: {}", e.getMessage());
        } finally {
            try {
                lock.release();
                lockChannel.close();
                if (ephemeral) {
                    org.springframework.util.FileSystemUtils.deleteRecursively(dataRoot);
                    if (serverHome != null) {
                        org.springframework.util.FileSystemUtils.deleteRecursively(serverHome);
                    }
                }
            } catch (IOException ignored) {
                // the process is ending; the OS releases the lock and temp space is reclaimed later
            }
        }
    }

    /**
     * Where the cluster lives: {@code <data-dir>/postgres}, unless we run as root and the
     * unprivileged server user cannot reach the data directory (a 0700 home, say). Then the
     * cluster lives under {@code /var/lib/townbrain} and {@code <data-dir>/postgres} is a
     * symbolic link to it, so the data still survives restarts and is found by the same path.
     */
    private Path serverHome() throws IOException {
        Path link = dataRoot.resolve("postgres");
        if (Files.isSymbolicLink(link)) {
            return link.toRealPath().getParent();
        }
        if (!runningAsRoot() || Files.exists(link) || reachableByServerUser(dataRoot)) {
            return dataRoot;
        }
        String id = Integer.toHexString(dataRoot.toString().hashCode()) + "-" + Long.toHexString(System.nanoTime());
        Path home = Path.of("/var/lib/townbrain", "pg-" + id);
        Files.createDirectories(home.resolve("postgres"));
        Files.setPosixFilePermissions(home.getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createSymbolicLink(link, home.resolve("postgres"));
        notice(false, "User nobody cannot reach " + dataRoot + ": the PostgreSQL cluster lives in " + home
                + " (linked from " + link + ")");
        return home;
    }

    private boolean reachableByServerUser(Path directory) {
        try {
            run(Duration.ofSeconds(20), "test", "-x", directory.toString());
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private void initdb() throws IOException {
        org.townbrain.platform.StartupProgress.step("creating the database cluster in " + pgData + " (first start only)");
        notice(false, "Creating a new PostgreSQL cluster in " + pgData);
        Files.createDirectories(pgData);
        Path pwFile = serverHome.resolve(".initdb-pw");
        Files.writeString(pwFile, password, StandardCharsets.UTF_8);
        try {
            handOverToServerUser(pgData, pwFile);
            run(Duration.ofMinutes(3), binaries.resolve("bin/initdb").toString(),
                    "-D", pgData.toString(), "-U", SUPERUSER, "--pwfile=" + pwFile,
                    "-A", "scram-sha-256", "-E", "UTF8", "--locale=C", "--no-instructions");
        } finally {
            Files.deleteIfExists(pwFile);
        }
    }

    /**
     * We hold the directory lock, so no live TownBrain owns this cluster: a postmaster still
     * recorded in {@code postmaster.pid} was left behind by a killed process.
     */
    private void stopOrphanedServer() throws IOException {
        Path pidFile = pgData.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        Optional<ProcessHandle> postmaster = lines.isEmpty() ? Optional.empty()
                : parsePid(lines.get(0)).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive)
                        .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(true));
        if (postmaster.isPresent()) {
            notice(true, "Stopping an orphaned PostgreSQL (pid " + postmaster.get().pid() + ") left by an earlier run");
            try {
                run(Duration.ofMinutes(1), pgCtl(), "-D", pgData.toString(), "-m", "fast", "-w", "stop");
            } catch (RuntimeException e) {
                postmaster.get().destroyForcibly();
            }
            postmaster.get().onExit().orTimeout(60, TimeUnit.SECONDS).join();
        }
        Files.deleteIfExists(pidFile);
    }

    private static Optional<Long> parsePid(String line) {
        try {
            return Optional.of(Long.parseLong(line.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private void createDatabaseIfMissing() {
        String adminUrl = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
        try (Connection c = DriverManager.getConnection(adminUrl, SUPERUSER, password);
                var exists = c.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, DATABASE);
            if (!exists.executeQuery().next()) {
                try (var create = c.createStatement()) {
                    create.execute("create database " + DATABASE + " encoding 'UTF8' template template0");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + DATABASE, e);
        }
    }

    private String readOrCreatePassword() throws IOException {
        Path file = dataRoot.resolve("postgres.secret");
        if (Files.exists(file)) {
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        }
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        String secret = HexFormat.of().formatHex(bytes);
        Files.writeString(file, secret, StandardCharsets.UTF_8);
        restrictToOwner(file);
        return secret;
    }

    private static void restrictToOwner(Path file) {
        restrictTo(file, "rw-------");
    }

    private static void restrictTo(Path file, String permissions) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system: the file keeps the directory's permissions
        }
    }

    private String pgCtl() {
        return binaries.resolve("bin/pg_ctl").toString();
    }

    private static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** As root, the files the server touches must belong to the unprivileged user it runs as. */
    private void handOverToServerUser(Path... paths) throws IOException {
        if (!runningAsRoot()) {
            return;
        }
        for (Path path : paths) {
            run(Duration.ofMinutes(1), "chown", "-R", UNPRIVILEGED_UID + ":" + UNPRIVILEGED_UID, path.toString());
        }
    }

    private void run(Duration timeout, String... command) throws IOException {
        List<String> full = new ArrayList<>();
        boolean asServerUser = runningAsRoot() && !command[0].equals("chown");
        if (asServerUser) {
            full.addAll(List.of("setpriv", "--reuid=" + UNPRIVILEGED_UID, "--regid=" + UNPRIVILEGED_UID,
                    "--clear-groups", "--"));
        }
        full.addAll(List.of(command));
        ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(true);
        builder.environment().put("LC_ALL", "C");
        builder.environment().put("LD_LIBRARY_PATH", binaries.resolve("lib").toString());
        if (asServerUser) {
            builder.directory(binaries.toFile());
        }
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command[0] + " timed out after " + timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + command[0], e);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(Path.of(command[0]).getFileName() + " failed (exit "
                    + process.exitValue() + "): " + new String(output, StandardCharsets.UTF_8).strip()
                    + (serverHome == null ? "" : tail(serverHome.resolve("postgres.log"))));
        }
    }

    private static String tail(Path logFile) {
        try {
            List<String> lines = Files.readAllLines(logFile);
            return "\n--- postgres.log ---\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
