package org.townbrain.platform.database;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Chooses the database before any bean exists: the server named by {@code TOWNBRAIN_DB_URL}
 * (or {@code spring.datasource.url}) when one is configured, otherwise the bundled PostgreSQL
 * in {@code townbrain.data-dir}. Demo mode defaults to on with the bundled server only.
 */
public class EmbeddedDatabaseEnvironment implements EnvironmentPostProcessor, Ordered {

    static final String SOURCE = "townbrainDatabase";

    // logging is not set up yet when post-processors run: a deferred log replays afterwards
    private final org.apache.commons.logging.Log log;

    public EmbeddedDatabaseEnvironment(org.springframework.boot.logging.DeferredLogFactory logs) {
        this.log = logs.getLog(EmbeddedDatabaseEnvironment.class);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> properties = new HashMap<>();
        String externalUrl = firstText(environment.getProperty("townbrain.db.url"),
                environment.getProperty("spring.datasource.url"));
        if (externalUrl != null) {
            properties.put("spring.datasource.url", externalUrl);
            putIfText(properties, "spring.datasource.username", environment.getProperty("townbrain.db.user"));
            putIfText(properties, "spring.datasource.password", environment.getProperty("townbrain.db.password"));
            properties.put("townbrain.database.embedded", "false");
            log.info("Using the external PostgreSQL at " + externalUrl.replaceAll("//[^/@]*@", "//***@"));
            properties.putIfAbsent("townbrain.demo.enabled", environment.getProperty("townbrain.demo.enabled", "false"));
        } else {
            boolean ephemeral = environment.getProperty("townbrain.database.ephemeral", Boolean.class, false);
            EmbeddedPostgresServer server = ephemeral
                    ? EmbeddedPostgresServer.startEphemeral()
                    : EmbeddedPostgresServer.start(Path.of(environment.getProperty("townbrain.data-dir", "./data")),
                            environment.getProperty("townbrain.database.durable", Boolean.class, true));
            server.stopAfterSpringContexts();
            server.drainNotices().forEach(n -> {
                if (n.warning()) {
                    log.warn(n.message());
                } else {
                    log.info(n.message());
                }
            });
            properties.put("spring.datasource.url", server.jdbcUrl());
            properties.put("spring.datasource.username", server.username());
            properties.put("spring.datasource.password", server.password());
            properties.put("townbrain.database.embedded", "true");
            properties.put("townbrain.demo.enabled", environment.getProperty("townbrain.demo.enabled", "true"));
        }
        environment.getPropertySources().addFirst(new MapPropertySource(SOURCE, properties));
    }

    private static String firstText(String... values) {
        for (String value : values) {
            if (StringUtils.hasText(value)) {
                return value;
            }
        }
        return null;
    }

    private static void putIfText(Map<String, Object> properties, String key, String value) {
        if (StringUtils.hasText(value)) {
            properties.put(key, value);
        }
    }

    @Override
    public int getOrder() {
        // after the config files and environment variables have been read
        return Ordered.LOWEST_PRECEDENCE;
    }
}
