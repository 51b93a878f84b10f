package org.townbrain.access;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Pages render their forms' CSRF token while they stream out; a token first asked for after the
 * response is committed could no longer be stored in a new session. So for page requests
 * (GET, wanting HTML) the deferred token is loaded before rendering starts. JSON callers keep
 * the deferred token and get no session.
 */
class EagerCsrfTokenFilter extends OncePerRequestFilter {

    /** Health probes (which often send no Accept header) are no page: no token, no session row per probe. */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getRequestURI().startsWith(request.getContextPath() + "/actuator/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String accept = request.getHeader("Accept");
        if ("GET".equals(request.getMethod()) && (accept == null || accept.contains("text/html")
                || request.getHeader("HX-Request") != null)) {
            CsrfToken token = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
            if (token != null) {
                token.getToken();
            }
        }
        chain.doFilter(request, response);
    }
}
