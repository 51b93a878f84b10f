package org.townbrain.cockpit;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.townbrain.platform.web.NavItem;

/** The cockpit's entry in the main navigation: first, it is where leaders start. */
@Configuration(proxyBeanMethods = false)
class CockpitNavigation {

    @Bean
    NavItem cockpitNav() {
        return NavItem.of("nav.cockpit", "/cockpit", 5);
    }
}
