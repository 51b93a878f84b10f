package org.townbrain.platform.database;

import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.townbrain.platform.StartupProgress;

/** The start's later steps on the console: schema migration, and the address once it serves. */
@Configuration(proxyBeanMethods = false)
class StartupSteps {

    @Bean
    FlywayConfigurationCustomizer migrationProgress() {
        return configuration -> configuration.callbacks(new Callback() {
            @Override
            public boolean supports(Event event, Context context) {
                return event == Event.BEFORE_MIGRATE;
            }

            @Override
            public boolean canHandleInTransaction(Event event, Context context) {
                return true;
            }

            @Override
            public void handle(Event event, Context context) {
                StartupProgress.step("migrating the database schema (Flyway); then the modules start and, on the first start, "
                        + "load the demo county");
            }

            @Override
            public String getCallbackName() {
                return "startup-progress";
            }
        });
    }

    @EventListener(ApplicationReadyEvent.class)
    void ready(ApplicationReadyEvent event) {
        Environment environment = event.getApplicationContext().getEnvironment();
        String port = environment.getProperty("local.server.port");
        if (port != null) {
            StartupProgress.step("ready at http://localhost:" + port + "/");
        }
    }
}
