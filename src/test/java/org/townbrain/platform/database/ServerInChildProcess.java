package org.townbrain.platform.database;

import java.nio.file.Path;
import java.sql.DriverManager;

/** Run in a separate JVM by {@link EmbeddedPostgresServerTest}: starts a server, writes, waits to be killed. */
public final class ServerInChildProcess {

    private ServerInChildProcess() {
    }

    public static void main(String[] args) throws Exception {
        EmbeddedPostgresServer server = EmbeddedPostgresServer.start(Path.of(args[0]), true);
        try (var c = DriverManager.getConnection(server.jdbcUrl(), server.username(), server.password());
                var s = c.createStatement()) {
            s.execute("create table if not exists survivor (note text)");
            s.execute("insert into survivor values ('" + args[1] + "')");
        }
        System.out.println("READY");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
