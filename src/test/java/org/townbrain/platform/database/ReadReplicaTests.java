package org.townbrain.platform.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A real streaming standby of a real primary (both bundled PostgreSQL servers): read-only
 * transactions read the standby, writes and a session's reads right after its own writes go to
 * the primary, and a standby that is gone is passed over. {@code pg_is_in_recovery()} tells on
 * which server a statement ran.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class ReadReplicaTests {

    @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS)
    static Path dir;

    private EmbeddedPostgresServer primary;
    private EmbeddedPostgresServer standby;
    private final MutableClock clock = new MutableClock();

    @BeforeAll
    void startPrimaryAndStandby() throws Exception {
        // JUnit makes temp dirs private; as root the servers run as nobody and must reach them
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        primary = EmbeddedPostgresServer.start(dir.resolve("primary"), false);
        standby = EmbeddedPostgresServer.startStandby(primary, dir.resolve("standby"));
    }

    @AfterAll
    void stop() {
        standby.stop();
        primary.stop();
    }

    private ApplicationContextRunner app() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                        DataSourceTransactionManagerAutoConfiguration.class, TransactionAutoConfiguration.class,
                        JdbcTemplateAutoConfiguration.class))
                .withUserConfiguration(ReadReplica.class)
                .withBean(Clock.class, () -> clock)
                .withPropertyValues("spring.datasource.url=" + primary.jdbcUrl(),
                        "spring.datasource.username=" + primary.username(),
                        "spring.datasource.password=" + primary.password(),
                        "spring.datasource.hikari.maximum-pool-size=4",
                        "townbrain.db.replica-url=" + standby.jdbcUrl(),
                        "townbrain.db.replica-connection-timeout=1s");
    }

    @Test
    void readOnlyTransactionsReadTheStandbyAndEverythingElseThePrimary() {
        app().run(context -> {
            assertThat(context).hasSingleBean(ReadReplica.RoutedDataSource.class);
            assertThat(context.getBean(DataSource.class)).isInstanceOf(ReadReplica.RoutedDataSource.class);
            assertThat(onStandby(context, true)).as("read-only transaction").isTrue();
            assertThat(onStandby(context, false)).as("read-write transaction").isFalse();
            assertThat(context.getBean(JdbcTemplate.class).queryForObject("select pg_is_in_recovery()", Boolean.class))
                    .as("outside a transaction").isFalse();
        });
    }

    @Test
    void whatThePrimaryCommitsReachesTheStandby() {
        app().run(context -> {
            TransactionTemplate write = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            write.executeWithoutResult(s -> {
                jdbc.execute("create table if not exists replica_probe (note text)");
                jdbc.update("insert into replica_probe values ('写在主库')");
            });
            TransactionTemplate read = readOnly(context);
            // until the standby has replayed the commit, the table does not exist there
            await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> {
                java.util.List<String> notes = read.execute(s -> jdbc.queryForList(
                        "select note from replica_probe where pg_is_in_recovery()", String.class));
                assertThat(notes).contains("写在主库");
            });
        });
    }

    @Test
    void aSessionThatJustChangedSomethingReadsThePrimaryForAWhile() {
        app().run(context -> {
            ReadReplica.ReadYourWrites filter = new ReadReplica.ReadYourWrites(clock, Duration.ofSeconds(10));
            MockHttpSession session = new MockHttpSession();

            assertThat(readDuring(filter, context, "GET", session, 200)).as("before any write").isTrue();
            assertThat(readDuring(filter, context, "POST", session, 403)).as("during a write").isFalse();
            assertThat(readDuring(filter, context, "GET", session, 200)).as("after a refused write").isTrue();
            assertThat(readDuring(filter, context, "POST", session, 303)).as("during a write").isFalse();
            assertThat(readDuring(filter, context, "GET", session, 200)).as("just after the write").isFalse();
            assertThat(readDuring(filter, context, "GET", null, 200)).as("another client").isTrue();
            clock.advance(Duration.ofSeconds(11));
            assertThat(readDuring(filter, context, "GET", session, 200)).as("once the window passed").isTrue();
        });
    }

    @Test
    @org.junit.jupiter.api.Order(Integer.MAX_VALUE) // stops the standby: last
    void aStandbyThatIsGoneIsPassedOverForThePrimary() {
        app().run(context -> {
            assertThat(onStandby(context, true)).isTrue();
            // the pool keeps idle connections: a dead standby must also be noticed when they break
            standby.stop();
            long started = System.nanoTime();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(safeOnStandby(context)).isFalse());
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
            assertThat(onStandby(context, false)).as("writes carry on").isFalse();
        });
    }

    private Boolean safeOnStandby(ApplicationContext context) {
        try {
            return onStandby(context, true);
        } catch (RuntimeException brokenIdleConnection) {
            return null;
        }
    }

    private static boolean onStandby(ApplicationContext context, boolean readOnly) {
        TransactionTemplate transaction = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
        transaction.setReadOnly(readOnly);
        return transaction.execute(s -> context.getBean(JdbcTemplate.class)
                .queryForObject("select pg_is_in_recovery()", Boolean.class));
    }

    private static TransactionTemplate readOnly(ApplicationContext context) {
        TransactionTemplate transaction = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
        transaction.setReadOnly(true);
        return transaction;
    }

    /** Runs a request through the filter; the "controller" reads in a read-only transaction. */
    private static boolean readDuring(ReadReplica.ReadYourWrites filter, ApplicationContext context, String method,
            MockHttpSession session, int status) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest(method, "/anything");
        if (session != null) {
            request.setSession(session);
        }
        MockHttpServletResponse response = new MockHttpServletResponse();
        AtomicReference<Boolean> standbyRead = new AtomicReference<>();
        filter.doFilter(request, response, (req, res) -> {
            standbyRead.set(onStandby(context, true));
            ((MockHttpServletResponse) res).setStatus(status);
        });
        return standbyRead.get();
    }

    static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-12-05T02:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
