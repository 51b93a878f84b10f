package org.townbrain.access;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Records every write request (POST, PUT, PATCH, DELETE) after it is answered: user, method and
 * path (never the query string or body, which may hold personal data), status, client address.
 *
 * <p>It sits in front of Spring Security's exception translation, so a refusal (by the
 * authorisation filter or by a module's own check) is recorded with the status the caller got,
 * 401 or 403, not the 200 the response held while the exception was on its way out; an exception
 * that escapes everything is recorded as the 500 the container answers.
 */
class AuditFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(AuditFilter.class);
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final AuditLog audit;

    AuditFilter(AuditLog audit) {
        this.audit = audit;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !WRITES.contains(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean escaped = true;
        try {
            chain.doFilter(request, response);
            escaped = false;
        } finally {
            int status = escaped && !response.isCommitted() ? 500 : response.getStatus();
            Authentication auth = SecurityContextHolder.getContext().getAuthentication();
            String username = auth != null && auth.getPrincipal() instanceof AccessUser user ? user.username() : null;
            try {
                // an anonymous visitor's address is personal data we have no need to keep
                audit.write(username, request.getMethod() + " " + request.getRequestURI(), null, status,
                        username == null ? null : request.getRemoteAddr());
            } catch (RuntimeException e) {
                log.error("Could not write the audit entry for {} {}", request.getMethod(), request.getRequestURI(), e);
            }
        }
    }
}
