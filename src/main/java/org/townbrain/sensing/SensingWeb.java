package org.townbrain.sensing;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.townbrain.platform.web.NavItem;
import org.townbrain.platform.web.PublicPaths;

/** What the sensing module adds to the web shell. */
@Configuration(proxyBeanMethods = false)
class SensingWeb {

    /** Devices authenticate with their own token, checked by {@link TelemetryApi}. */
    @Bean
    PublicPaths sensingDevicePaths() {
        return PublicPaths.throttled("telemetry", "/api/telemetry");
    }

    @Bean
    NavItem sensingNavigation() {
        return NavItem.of("sensing.nav", "/sensing", 40);
    }
}
