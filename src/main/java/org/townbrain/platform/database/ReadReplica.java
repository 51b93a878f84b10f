package org.townbrain.platform.database;

import com.zaxxer.hikari.HikariDataSource;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.datasource.AbstractDataSource;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;
import org.springframework.util.StringUtils;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The heavy readers on a read replica, when one is configured ({@code townbrain.db.replica-url}).
 *
 * <p>Read-only transactions ({@code @Transactional(readOnly = true)}: the cockpit, statistics,
 * exports and lists) take their connection from the replica; everything else, and every write,
 * from the primary. Read your own writes: a session that changed something within the last
 * {@code townbrain.db.read-your-writes} (10 s) reads from the primary, so a person sees what they
 * just saved although the replica may lag behind. A replica that cannot give a connection within
 * {@code townbrain.db.replica-connection-timeout} (2 s) is passed over for the primary.
 * Without the setting nothing here exists and Spring Boot's single pool serves everything.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty("townbrain.db.replica-url")
class ReadReplica {

    @Bean
    @Primary
    RoutedDataSource dataSource(DataSourceProperties properties, Environment environment) {
        Settings settings = Settings.of(environment);
        HikariDataSource primary = properties.initializeDataSourceBuilder().type(HikariDataSource.class).build();
        Binder.get(environment).bind("spring.datasource.hikari", Bindable.ofInstance(primary));
        primary.setPoolName("primary");
        HikariDataSource replica = new HikariDataSource();
        replica.setPoolName("replica");
        replica.setJdbcUrl(settings.replicaUrl());
        boolean ownUser = StringUtils.hasText(settings.replicaUser());
        replica.setUsername(ownUser ? settings.replicaUser() : primary.getUsername());
        replica.setPassword(ownUser ? settings.replicaPassword() : primary.getPassword());
        replica.setMaximumPoolSize(primary.getMaximumPoolSize());
        replica.setConnectionTimeout(settings.replicaConnectionTimeout().toMillis());
        replica.setReadOnly(true);
        // the pool starts empty and connects on first use: a replica that is down does not stop the start
        replica.setInitializationFailTimeout(-1);
        return new RoutedDataSource(primary, replica);
    }

    @Bean
    FilterRegistrationBean<ReadYourWrites> readYourWrites(Clock clock, Environment environment) {
        FilterRegistrationBean<ReadYourWrites> registration = new FilterRegistrationBean<>(
                new ReadYourWrites(clock, Settings.of(environment).readYourWrites()));
        // after Spring Session's filter (the session must be readable), before security and MVC
        registration.setOrder(-200);
        return registration;
    }

    /** {@code townbrain.db.*}: where the replica is, and how long to wait for it and to read one's writes. */
    record Settings(String replicaUrl, String replicaUser, String replicaPassword,
            @DefaultValue("2s") Duration replicaConnectionTimeout, @DefaultValue("10s") Duration readYourWrites) {

        static Settings of(Environment environment) {
            return Binder.get(environment).bindOrCreate("townbrain.db", Settings.class);
        }
    }

    /** The primary for everything, the replica for read-only transactions; closes both pools. */
    static final class RoutedDataSource extends LazyConnectionDataSourceProxy implements AutoCloseable {

        private final HikariDataSource primary;
        private final HikariDataSource replica;

        RoutedDataSource(HikariDataSource primary, HikariDataSource replica) {
            super(primary);
            this.primary = primary;
            this.replica = replica;
            setReadOnlyDataSource(new ReplicaOrPrimary(replica, primary));
        }

        @Override
        public void close() {
            replica.close();
            primary.close();
        }
    }

    /** The replica, unless this request must read its own writes or the replica is unreachable. */
    static final class ReplicaOrPrimary extends AbstractDataSource {

        private static final Logger log = LoggerFactory.getLogger(ReplicaOrPrimary.class);
        private static final long WARN_EVERY_MS = 60_000;

        private final DataSource replica;
        private final DataSource primary;
        private final AtomicLong lastWarning = new AtomicLong();

        ReplicaOrPrimary(DataSource replica, DataSource primary) {
            this.replica = replica;
            this.primary = primary;
        }

        @Override
        public Connection getConnection() throws SQLException {
            if (ReadYourWrites.onPrimary()) {
                return primary.getConnection();
            }
            try {
                return replica.getConnection();
            } catch (SQLException e) {
                long now = System.currentTimeMillis();
                long last = lastWarning.get();
                if (now - last > WARN_EVERY_MS && lastWarning.compareAndSet(last, now)) {
                    log.warn("The read replica gave no connection ({}); reads go to the primary meanwhile", e.getMessage());
                }
                return primary.getConnection();
            }
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            throw new SQLException("The routed read-only data source takes no credentials of its own");
        }
    }

    /**
     * Marks the requests that must read from the primary: every changing request, and every
     * request of a session that changed something a moment ago (its time kept in the session).
     */
    static final class ReadYourWrites extends OncePerRequestFilter {

        static final String LAST_WRITE = "townbrain.db.lastWrite";
        private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
        private static final ThreadLocal<Boolean> ON_PRIMARY = new ThreadLocal<>();

        private final Clock clock;
        private final Duration window;

        ReadYourWrites(Clock clock, Duration window) {
            this.clock = clock;
            this.window = window;
        }

        static boolean onPrimary() {
            return Boolean.TRUE.equals(ON_PRIMARY.get());
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            boolean writing = !SAFE.contains(request.getMethod());
            ON_PRIMARY.set(writing || wroteRecently(request.getSession(false)));
            try {
                chain.doFilter(request, response);
            } finally {
                ON_PRIMARY.remove();
                if (writing && response.getStatus() < 400) {
                    HttpSession session = request.getSession(false);
                    if (session != null) {
                        session.setAttribute(LAST_WRITE, clock.millis());
                    }
                }
            }
        }

        private boolean wroteRecently(HttpSession session) {
            if (session == null) {
                return false;
            }
            try {
                return session.getAttribute(LAST_WRITE) instanceof Long at && clock.millis() - at < window.toMillis();
            } catch (IllegalStateException invalidated) {
                return false;
            }
        }
    }
}
