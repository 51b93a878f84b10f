package org.townbrain.cases;

import java.time.Duration;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
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

    /** The county dispatcher's inbox of Open311 reports whose town nobody could tell (待分派). */
    @Bean
    NavItem triageNav() {
        return NavItem.of("nav.triage", "/cases/triage", 24, "COUNTY_ADMIN", "DUTY_OFFICER");
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
     * session; the key is checked by {@link Open311}. The public reads may be fetched by a browser
     * app on any origin (CORS, GET only, never with credentials); a browser may not post from
     * another origin, since an api_key has no place in a web page.
     */
    @Bean
    @Order(10)
    SecurityFilterChain open311FilterChain(HttpSecurity http) throws Exception {
        http.securityMatcher("/open311/**")
                .cors(cors -> cors.configurationSource(open311Cors()))
                .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        return http.build();
    }

    static CorsConfigurationSource open311Cors() {
        CorsConfiguration reads = new CorsConfiguration();
        reads.addAllowedOrigin(CorsConfiguration.ALL);
        reads.setAllowedMethods(List.of("GET", "HEAD"));
        reads.addAllowedHeader(CorsConfiguration.ALL);
        reads.setExposedHeaders(List.of("Content-Language"));
        reads.setAllowCredentials(false);
        reads.setMaxAge(Duration.ofHours(1));
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/open311/v2/**", reads);
        return source;
    }
}
