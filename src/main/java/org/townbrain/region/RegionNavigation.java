package org.townbrain.region;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.townbrain.platform.web.NavItem;

/** The region module's entries in the main navigation. */
@Configuration(proxyBeanMethods = false)
class RegionNavigation {

    @Bean
    NavItem overviewNav() {
        return NavItem.of("nav.overview", "/overview", 10);
    }

    /** The county outline is public geography: the citizens' report page draws it too. */
    @Bean
    org.townbrain.platform.web.PublicPaths regionPublicPaths() {
        return org.townbrain.platform.web.PublicPaths.of("/api/regions/county/boundary");
    }

    @Bean
    NavItem divisionsNav() {
        return NavItem.of("nav.divisions", "/admin/divisions", 900, "COUNTY_ADMIN");
    }
}
