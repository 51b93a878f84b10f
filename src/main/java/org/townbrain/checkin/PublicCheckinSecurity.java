package org.townbrain.checkin;

import org.townbrain.platform.throttle.Throttle;
import jakarta.servlet.http.HttpServletRequest;
import java.util.regex.Pattern;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The one JSON endpoint anyone may call without a login or a CSRF token: {@code POST
 * /api/checkin/{code}}. It gets its own stateless filter chain, matched by method and exact path
 * shape, so the application's main chain (CSRF on everything else) is untouched. Without a
 * session or cookie-borne credentials there is nothing for a cross-site request to ride on: the
 * visitor token travels in a header that only the caller's own script can set.
 *
 * <p>The chain keeps what protects the caller (the security headers, the firewall) and drops what
 * has nothing to do here: no login or logout, no session, no anonymous token, no request wrapper
 * for {@code isUserInRole}. Every filter costs each check-in a few microseconds, and this is the
 * busiest endpoint in the application.
 */
@Configuration(proxyBeanMethods = false)
@org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication
class PublicCheckinSecurity {

    private static final Pattern PUBLIC_CHECKIN = Pattern.compile("/api/checkin/[0-9A-Za-z]{" + VenueCode.LENGTH + "}");

    /** The throttle limit of visitors' check-ins ({@code townbrain.throttle.limits.checkin}). */
    static final String LIMIT = "checkin";

    static final RequestMatcher MATCHER = PublicCheckinSecurity::isPublicCheckin;

    static boolean isPublicCheckin(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return "POST".equals(request.getMethod()) && PUBLIC_CHECKIN.matcher(path).matches();
    }

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 10)
    SecurityFilterChain checkinPublicApiChain(HttpSecurity http) throws Exception {
        http.securityMatcher(MATCHER)
                .authorizeHttpRequests(authorize -> authorize.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .securityContext(context -> context.disable())
                .logout(logout -> logout.disable())
                .anonymous(anonymous -> anonymous.disable())
                .servletApi(servletApi -> servletApi.disable());
        return http.build();
    }

    /** Before everything else, even the metrics observation: see {@link ReturningCheckinFilter}. */
    @Bean
    FilterRegistrationBean<ReturningCheckinFilter> checkinReturningFilter(ReturningCheckins checkins, Throttle limiter,
            io.micrometer.core.instrument.MeterRegistry meters) {
        FilterRegistrationBean<ReturningCheckinFilter> registration = new FilterRegistrationBean<>(
                new ReturningCheckinFilter(checkins, limiter, meters));
        registration.addUrlPatterns("/api/checkin/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    FilterRegistrationBean<WholeAnswerFilter> checkinWholeAnswerFilter() {
        FilterRegistrationBean<WholeAnswerFilter> registration = new FilterRegistrationBean<>(new WholeAnswerFilter());
        registration.addUrlPatterns("/api/checkin/*");
        return registration;
    }
}
