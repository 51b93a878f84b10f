package org.townbrain.access;

import java.util.ArrayList;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.access.ExceptionTranslationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.townbrain.platform.web.PublicPaths;

/**
 * Login for everything except the public paths modules declare: a form for people, HTTP Basic
 * and bearer tokens for the JSON API (which answers 401/403 as problem details, never with a
 * redirect), CSRF on forms, strict security headers.
 */
@Configuration(proxyBeanMethods = false)
@org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication
@org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity
class SecurityConfiguration {

    private static final List<String> ALWAYS_OPEN = List.of("/login", "/error", "/webjars/**", "/css/**",
            "/js/**", "/img/**", "/geo/**", "/favicon.ico", "/actuator/health", "/actuator/health/**", "/actuator/info");

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, List<PublicPaths> publicPaths, ApiTokens tokens,
            Accounts accounts, AuditLog audit, LoginBackoff backoff) throws Exception {
        List<String> open = new ArrayList<>(ALWAYS_OPEN);
        publicPaths.forEach(p -> open.addAll(p.patterns()));
        RequestMatcher api = request -> request.getRequestURI().startsWith(request.getContextPath() + "/api/")
                || request.getRequestURI().startsWith(request.getContextPath() + "/sta/"); // SensorThings: a JSON API too
        // a request with an Authorization header is authenticated by it alone, never by the session
        // cookie (CredentialsFirst), so there is no cookie for a forged request to ride on
        RequestMatcher withCredentials = request -> CredentialsFirst.carriesCredentials(request)
                && !request.getRequestURI().equals(request.getContextPath() + "/logout"); // logout ends the session: CSRF always
        // a public JSON endpoint grants nothing through the session cookie, so CSRF protects
        // nothing there: a missing device token must answer 401 from the endpoint, not 403
        org.springframework.web.util.pattern.PathPatternParser parser = new org.springframework.web.util.pattern.PathPatternParser();
        List<org.springframework.web.util.pattern.PathPattern> publicApis = open.stream().filter(p -> p.startsWith("/api/"))
                .map(parser::parse).toList();
        RequestMatcher publicApi = request -> publicApis.stream().anyMatch(p -> p.matches(
                org.springframework.http.server.PathContainer.parsePath(request.getRequestURI().substring(request.getContextPath().length()))));

        http.authorizeHttpRequests(authorize -> authorize
                        .requestMatchers(open.toArray(String[]::new)).permitAll()
                        .requestMatchers("/admin/**", "/actuator/**").hasRole(Role.COUNTY_ADMIN.name())
                        .anyRequest().authenticated())
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", false).permitAll())
                .httpBasic(basic -> basic.authenticationEntryPoint(unlessDatabaseDown(basicChallenge())))
                .logout(logout -> logout.logoutSuccessUrl("/login?logout"))
                .securityContext(context -> context.securityContextRepository(new CredentialsFirst()))
                .csrf(csrf -> csrf.ignoringRequestMatchers(withCredentials, publicApi))
                .exceptionHandling(errors -> errors
                        .defaultAuthenticationEntryPointFor(problem(HttpStatus.UNAUTHORIZED), api)
                        .defaultAccessDeniedHandlerFor(deniedProblem(), api))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'self'; "
                                + "img-src 'self' data: blob: https://*.tianditu.gov.cn; style-src 'self' 'unsafe-inline'; "
                                + "script-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'"))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)))
                .addFilterBefore(new LoginBackoffFilter(backoff),
                        org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter.class)
                .addFilterBefore(new BearerTokenFilter(tokens, accounts), BasicAuthenticationFilter.class)
                .addFilterAfter(new EagerCsrfTokenFilter(), org.springframework.security.web.csrf.CsrfFilter.class)
                .addFilterBefore(new AuditFilter(audit), ExceptionTranslationFilter.class);
        return http.build();
    }

    /**
     * The firewall also refuses control characters (NUL and the like; tab and line breaks are
     * text) in parameter values: no filter, form or search has a use for them, and PostgreSQL
     * cannot store a NUL, so they are a bad request at the door rather than a failure deep inside.
     */
    @Bean
    static org.springframework.security.web.firewall.HttpFirewall townbrainFirewall() {
        org.springframework.security.web.firewall.StrictHttpFirewall firewall =
                new org.springframework.security.web.firewall.StrictHttpFirewall();
        firewall.setAllowedParameterValues(value -> value.chars()
                .noneMatch(c -> Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r'));
        return firewall;
    }

    /** A request the firewall refuses answers 400: a problem detail for the API, the error page for people. */
    @Bean
    static org.springframework.security.web.firewall.RequestRejectedHandler townbrainRequestRejected() {
        return (request, response, rejected) -> {
            String accept = request.getHeader("Accept");
            if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")
                    || accept != null && accept.contains(MediaType.APPLICATION_JSON_VALUE) && !accept.contains("text/html")) {
                writeProblem(response, HttpStatus.BAD_REQUEST, "请求含有不允许的字符 / the request holds characters that are not allowed");
            } else {
                response.sendError(HttpStatus.BAD_REQUEST.value());
            }
        };
    }

    private static AuthenticationEntryPoint basicChallenge() {
        org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint basic =
                new org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint();
        basic.setRealmName("Realm"); // what httpBasic() used before
        return basic;
    }

    /**
     * A login that failed because the accounts could not be read (the database is down) is not a
     * wrong password: it goes on as the failure it is, which the platform answers with 503 and
     * {@code Retry-After}, rather than as a 401 that sends a person back to the login form.
     */
    static AuthenticationEntryPoint unlessDatabaseDown(AuthenticationEntryPoint entryPoint) {
        return (request, response, exception) -> {
            if (exception instanceof org.springframework.security.authentication.InternalAuthenticationServiceException
                    && org.townbrain.platform.database.DatabaseUnavailableFilter.databaseUnavailable(exception)) {
                throw new jakarta.servlet.ServletException("accounts unreadable: the database is unavailable", exception);
            }
            entryPoint.commence(request, response, exception);
        };
    }

    private static AuthenticationEntryPoint problem(HttpStatus status) {
        return (request, response, exception) -> writeProblem(response, status,
                "需要登录：HTTP Basic 或 Bearer 令牌 / authentication required (HTTP Basic or a bearer token)");
    }

    private static AccessDeniedHandler deniedProblem() {
        AccessDeniedHandlerImpl fallback = new AccessDeniedHandlerImpl();
        return (request, response, exception) -> {
            if (response.isCommitted()) {
                fallback.handle(request, response, exception);
                return;
            }
            writeProblem(response, HttpStatus.FORBIDDEN, "无权执行此操作 / not allowed for your role");
        };
    }

    static void writeProblem(jakarta.servlet.http.HttpServletResponse response, HttpStatus status,
            String detail) throws java.io.IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        if (status == HttpStatus.UNAUTHORIZED) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"TownBrain\", Bearer");
        }
        response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"" + status.getReasonPhrase()
                + "\",\"status\":" + status.value() + ",\"detail\":\"" + detail + "\"}");
    }
}
