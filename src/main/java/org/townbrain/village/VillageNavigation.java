package org.townbrain.village;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.townbrain.platform.web.NavItem;

/** The small brains' entry in the main navigation. */
@Configuration(proxyBeanMethods = false)
class VillageNavigation {

    @Bean
    NavItem villageBrainsNav() {
        return NavItem.of("nav.villageBrains", "/village-brains", 45);
    }
}
