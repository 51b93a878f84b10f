package org.townbrain.checkin;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Sends the public check-in's answer, a JSON object of about 150 bytes, in one piece with its
 * {@code Content-Length}. Spring MVC flushes a message converter's output, which commits the
 * response before its length is known: Tomcat then sends it chunked (a second write for the last
 * chunk) and, since every phone accepts gzip, compresses it, paying for a fresh deflater on each
 * check-in to save nothing. Holding the few bytes until the answer is complete gives the length,
 * which keeps it under {@code server.compression.min-response-size} and in a single write.
 */
class WholeAnswerFilter extends OncePerRequestFilter {

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !PublicCheckinSecurity.isPublicCheckin(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ContentCachingResponseWrapper whole = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(request, whole);
        } finally {
            whole.copyBodyToResponse();
        }
    }
}
