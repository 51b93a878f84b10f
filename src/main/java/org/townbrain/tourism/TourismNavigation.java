package org.townbrain.tourism;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.townbrain.platform.web.NavItem;

/** The tourism module's entry in the main navigation. */
@Configuration(proxyBeanMethods = false)
class TourismNavigation {

    @Bean
    NavItem tourismNav() {
        return NavItem.of("nav.tourism", "/tourism", 70);
    }
}
