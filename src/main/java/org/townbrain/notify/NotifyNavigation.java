package org.townbrain.notify;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.townbrain.platform.web.NavItem;

/** The notify module's entry in the main navigation. */
@Configuration(proxyBeanMethods = false)
class NotifyNavigation {

    @Bean
    NavItem notifyNav() {
        return NavItem.of("notify.nav", "/notify", 45, "COUNTY_ADMIN", "DUTY_OFFICER", "TOWN_STAFF");
    }
}
