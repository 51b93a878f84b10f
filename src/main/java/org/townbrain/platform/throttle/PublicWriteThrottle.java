package org.townbrain.platform.throttle;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.PathContainer;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import org.townbrain.platform.web.PublicPaths;

/**
 * Throttles every write to a public path ({@link PublicPaths}) at the door, before the security
 * chain, sessions or the database do any work: past its limit a client gets 429 with
 * {@code Retry-After}, as a problem detail for JSON callers and the error page for people. A new
 * public path is covered as soon as its module declares it.
 */
@Configuration(proxyBeanMethods = false)
@org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication
class PublicWriteThrottle {

    @Bean
    FilterRegistrationBean<Filter> publicWriteThrottleFilter(List<PublicPaths> paths, Throttle throttle,
            MessageSource messages) {
        PathPatternParser parser = new PathPatternParser();
        List<Guarded> guarded = paths.stream().filter(p -> p.throttle() != null)
                .flatMap(p -> p.patterns().stream().map(pattern -> new Guarded(parser.parse(pattern), p.throttle())))
                .toList();
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new Filter(guarded, throttle, messages));
        registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 10);
        return registration;
    }

    record Guarded(PathPattern pattern, String limit) {
    }

    static final class Filter extends OncePerRequestFilter {

        private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

        private final List<Guarded> guarded;
        private final Throttle throttle;
        private final MessageSource messages;

        Filter(List<Guarded> guarded, Throttle throttle, MessageSource messages) {
            this.guarded = guarded;
            this.throttle = throttle;
            this.messages = messages;
        }

        @Override
        protected boolean shouldNotFilter(HttpServletRequest request) {
            return !WRITES.contains(request.getMethod());
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            PathContainer path = PathContainer.parsePath(request.getRequestURI().substring(request.getContextPath().length()));
            for (Guarded g : guarded) {
                if (g.pattern().matches(path)) {
                    try {
                        throttle.acquire(g.limit(), request.getRemoteAddr());
                    } catch (Throttle.Exceeded e) {
                        refuse(request, response, e);
                        return;
                    }
                    break;
                }
            }
            chain.doFilter(request, response);
        }

        private void refuse(HttpServletRequest request, HttpServletResponse response, Throttle.Exceeded e) throws IOException {
            response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(e.retryAfterSeconds()));
            String accept = request.getHeader(HttpHeaders.ACCEPT);
            String uri = request.getRequestURI();
            boolean json = uri.contains("/api/") || uri.startsWith(request.getContextPath() + "/open311/")
                    || accept != null && accept.contains("json") && !accept.contains("text/html");
            if (!json) {
                response.sendError(HttpStatus.TOO_MANY_REQUESTS.value()); // the error page, in the visitor's language
                return;
            }
            String detail = messages.getMessage("error.tooMany", null, "too many requests", LocaleContextHolder.getLocale());
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Too Many Requests\",\"status\":429,\"detail\":\""
                    + detail.replace("\\", "\\\\").replace("\"", "\\\"") + "\",\"retryAfter\":" + e.retryAfterSeconds() + "}");
        }
    }
}
