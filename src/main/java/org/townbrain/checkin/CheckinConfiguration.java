package org.townbrain.checkin;

import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.townbrain.platform.web.NavItem;
import org.townbrain.platform.web.PublicPaths;

/** The module's beans: the personal-data cipher, public paths and navigation entries. */
@Configuration(proxyBeanMethods = false)
class CheckinConfiguration {

    private static final Logger log = LoggerFactory.getLogger(CheckinConfiguration.class);

    /** Development only: anyone with the source can read data encrypted with it. */
    private static final String DEMO_KEY = Base64.getEncoder()
            .encodeToString("townbrain-demo-key-NOT-FOR-PRODUCTION!!".getBytes(java.nio.charset.StandardCharsets.US_ASCII));

    @Bean
    PersonalDataCipher checkinPersonalDataCipher(CheckinProperties properties,
            @Value("${townbrain.demo.enabled:false}") boolean demo, @Value("${townbrain.cli:false}") boolean cli) {
        String key = properties.phoneKey();
        if ((key == null || key.isBlank()) && cli && !demo) {
            // a command-line run (import-divisions, create-admin) never touches check-in data:
            // a throw-away key lets it run on a server whose key lives only in the service's environment
            byte[] throwAway = new byte[32];
            new java.security.SecureRandom().nextBytes(throwAway);
            return new PersonalDataCipher(throwAway, properties.cipher());
        }
        if (key == null || key.isBlank()) {
            if (!demo) {
                throw new IllegalStateException("Set townbrain.checkin.phone-key (TOWNBRAIN_CHECKIN_PHONE_KEY) to base64 of "
                        + "32 random bytes, e.g. `openssl rand -base64 32`; phone numbers are encrypted with it");
            }
            log.warn("""

                    ************************************************************************
                    *  DEMO MODE: phone numbers are encrypted with a built-in development  *
                    *  key. Set townbrain.checkin.phone-key before any real visitor scans. *
                    ************************************************************************""");
            key = DEMO_KEY;
        }
        return PersonalDataCipher.ofBase64(key, properties.cipher());
    }

    @Bean
    PublicPaths checkinPublicPaths() {
        // the public JSON check-in has its own filter chain (PublicCheckinSecurity)
        return PublicPaths.throttledByModule("/c/**", "/C/**"); // with the "checkin" limit, answered on its own page
    }

    @Bean
    NavItem checkinVenuesNav() {
        return NavItem.of("nav.checkin", "/checkin", 40, "COUNTY_ADMIN", "CLUSTER_LEAD", "TOWN_STAFF", "DUTY_OFFICER");
    }

    @Bean
    NavItem checkinResumptionNav() {
        return NavItem.of("nav.resumption", "/checkin/resumption", 41, "COUNTY_ADMIN", "CLUSTER_LEAD", "TOWN_STAFF",
                "DUTY_OFFICER");
    }

    @Bean
    NavItem checkinTraceNav() {
        return NavItem.of("nav.trace", "/checkin/trace", 42, "DUTY_OFFICER");
    }
}
