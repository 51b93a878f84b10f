package org.townbrain.projects;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.townbrain.platform.web.NavItem;

/** The projects module's entries in the main navigation. */
@Configuration(proxyBeanMethods = false)
class ProjectsNavigation {

    @Bean
    NavItem projectsNav() {
        return NavItem.of("nav.projects", "/projects", 40);
    }
}
