package org.townbrain.cases;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.townbrain.platform.web.NavItem;
import org.townbrain.platform.web.PublicPaths;

/** Navigation entries, public paths and the Open311 endpoint's own security. */
@Configuration(proxyBeanMethods = false)
class CasesConfiguration {

    @Bean
    NavItem casesNav() {
        return NavItem.of("nav.cases", "/cases", 20);
    }

    @Bean
    NavItem ordersNav() {
        return NavItem.of("nav.orders", "/orders", 21, "COUNTY_ADMIN", "CLUSTER_LEAD", "TOWN_STAFF", "INSPECTOR", "DUTY_OFFICER");
    }

    @Bean
    NavItem caseStatisticsNav() {
        return NavItem.of("nav.caseStatistics", "/case-statistics", 22, "COUNTY_ADMIN", "CLUSTER_LEAD", "TOWN_STAFF",
                "DUTY_OFFICER", "INSPECTOR");
    }

    @Bean
    NavItem servicesNav() {
        return NavItem.of("nav.services", "/services", 23, "AGENT", "TOWN_STAFF", "COUNTY_ADMIN");
    }

    @Bean
    NavItem categoriesNav() {
        return NavItem.of("nav.caseCatalogue", "/admin/cases/categories", 910, "COUNTY_ADMIN");
    }

    @Bean
    PublicPaths casesPublicPaths() {
        return PublicPaths.of("/report", "/track/**");
    }

    @Bean
    PublicPaths open311PublicPaths() {
        return PublicPaths.throttled("open311", "/open311/**");
    }

    /**
     * GeoReport clients post form data with an api_key, not a session: no CSRF token, no
     * session; the key is checked by {@link Open311}.
     */
    @Bean
    @Order(10)
    SecurityFilterChain open311FilterChain(HttpSecurity http) throws Exception {
        http.securityMatcher("/open311/**")
                .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        return http.build();
    }
}
