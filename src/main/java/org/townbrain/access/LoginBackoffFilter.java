package org.townbrain.access;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Holds back a login attempt (the login form or HTTP Basic) while its address must wait after
 * failed attempts ({@link LoginBackoff}); the password is not even checked. The form is sent back
 * to the login page saying how long to wait; an API caller gets 429 with {@code Retry-After}.
 */
class LoginBackoffFilter extends OncePerRequestFilter {

    private final LoginBackoff backoff;

    LoginBackoffFilter(LoginBackoff backoff) {
        this.backoff = backoff;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean form = "POST".equals(request.getMethod())
                && request.getRequestURI().equals(request.getContextPath() + "/login");
        String username = form ? request.getParameter("username") : basicUsername(request.getHeader(HttpHeaders.AUTHORIZATION));
        if (username != null) {
            Duration wait = backoff.wait(username, request.getRemoteAddr());
            if (!wait.isZero()) {
                long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
                response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
                if (form) {
                    response.sendRedirect(request.getContextPath() + "/login?slow=" + seconds);
                } else {
                    SecurityConfiguration.writeProblem(response, org.springframework.http.HttpStatus.TOO_MANY_REQUESTS,
                            "登录失败次数过多，请 " + seconds + " 秒后再试 / too many failed logins; try again in " + seconds + " s");
                }
                return;
            }
        }
        chain.doFilter(request, response);
    }

    static String basicUsername(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : decoded.substring(0, colon);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
