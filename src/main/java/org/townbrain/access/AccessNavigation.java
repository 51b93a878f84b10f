package org.townbrain.access;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.townbrain.platform.web.NavItem;

/** The access module's entries in the main navigation. */
@Configuration(proxyBeanMethods = false)
class AccessNavigation {

    @Bean
    NavItem usersNav() {
        return NavItem.of("nav.users", "/admin/users", 910, "COUNTY_ADMIN");
    }

    @Bean
    NavItem auditNav() {
        return NavItem.of("nav.audit", "/admin/audit", 920, "COUNTY_ADMIN");
    }
}
