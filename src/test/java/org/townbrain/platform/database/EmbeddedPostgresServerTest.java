package org.townbrain.platform.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled PostgreSQL keeps its data across restarts, including when the application is
 * killed with SIGKILL and leaves an orphaned server and a postmaster.pid behind.
 */
class EmbeddedPostgresServerTest {

    @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS)
    Path dataDir;

    /** JUnit makes temp dirs private; as root the server runs as nobody and must reach it. */
    @org.junit.jupiter.api.BeforeEach
    void letTheServerUserIn() throws Exception {
        Files.setPosixFilePermissions(dataDir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void dataSurvivesACleanRestart() throws Exception {
        EmbeddedPostgresServer first = EmbeddedPostgresServer.start(dataDir, true);
        execute(first, "create table notes (text text)", "insert into notes values ('写入于重启前')");
        first.stop();

        EmbeddedPostgresServer second = EmbeddedPostgresServer.start(dataDir, true);
        try {
            assertThat(query(second, "select text from notes")).containsExactly("写入于重启前");
        } finally {
            second.stop();
        }
    }

    @Test
    void dataSurvivesKillMinusNineOfTheApplication() throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ServerInChildProcess.class.getName(),
                dataDir.toString(), "acknowledged before the crash")
                .redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        List<String> lines = new ArrayList<>();
        String line;
        while ((line = out.readLine()) != null && !line.equals("READY")) {
            lines.add(line);
        }
        assertThat(line).as("child output: %s", lines).isEqualTo("READY");
        long postmaster = Long.parseLong(Files.readAllLines(dataDir.resolve("postgres/postmaster.pid")).getFirst().trim());

        child.destroyForcibly();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive)).as("the orphaned server is still running")
                .hasValue(true);

        EmbeddedPostgresServer restarted = EmbeddedPostgresServer.start(dataDir, true);
        try {
            assertThat(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            assertThat(query(restarted, "select note from survivor")).containsExactly("acknowledged before the crash");
        } finally {
            restarted.stop();
        }
    }

    @Test
    void aStalePidFileDoesNotBlockTheNextStart() throws Exception {
        EmbeddedPostgresServer first = EmbeddedPostgresServer.start(dataDir, true);
        execute(first, "create table t (x int)", "insert into t values (42)");
        first.stop();
        Files.writeString(dataDir.resolve("postgres/postmaster.pid"), "999999\n" + dataDir + "\n");

        EmbeddedPostgresServer second = EmbeddedPostgresServer.start(dataDir, true);
        try {
            assertThat(query(second, "select x::text from t")).containsExactly("42");
        } finally {
            second.stop();
        }
    }

    private static void execute(EmbeddedPostgresServer server, String... statements) throws Exception {
        try (var c = DriverManager.getConnection(server.jdbcUrl(), server.username(), server.password());
                var s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    private static List<String> query(EmbeddedPostgresServer server, String sql) throws Exception {
        List<String> rows = new ArrayList<>();
        try (var c = DriverManager.getConnection(server.jdbcUrl(), server.username(), server.password());
                var rs = c.createStatement().executeQuery(sql)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }
}
