package org.townbrain.access;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.DeferredSecurityContext;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpRequestResponseHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;

/**
 * Where a request's login comes from: a request with an {@code Authorization} header is
 * authenticated by that header alone (HTTP Basic or a bearer token), never by the session cookie
 * it may also carry; the session's login is neither read nor written for it. That is what makes it
 * safe to skip CSRF for such requests: a forged cross-site request cannot set the header, and a
 * bogus header no longer lets the cookie act without a CSRF token (issue 22).
 */
final class CredentialsFirst implements SecurityContextRepository {

    private final SecurityContextRepository perRequest = new RequestAttributeSecurityContextRepository();
    private final SecurityContextRepository sessionOrRequest = new DelegatingSecurityContextRepository(perRequest,
            new HttpSessionSecurityContextRepository());

    /** Whether the request brings its own credentials, and so is authenticated by them or not at all. */
    static boolean carriesCredentials(HttpServletRequest request) {
        return request.getHeader(HttpHeaders.AUTHORIZATION) != null;
    }

    private SecurityContextRepository of(HttpServletRequest request) {
        return carriesCredentials(request) ? perRequest : sessionOrRequest;
    }

    @Override
    public DeferredSecurityContext loadDeferredContext(HttpServletRequest request) {
        return of(request).loadDeferredContext(request);
    }

    @Override
    @SuppressWarnings("deprecation")
    public SecurityContext loadContext(HttpRequestResponseHolder holder) {
        return of(holder.getRequest()).loadContext(holder);
    }

    @Override
    public void saveContext(SecurityContext context, HttpServletRequest request, HttpServletResponse response) {
        of(request).saveContext(context, request, response);
    }

    @Override
    public boolean containsContext(HttpServletRequest request) {
        return of(request).containsContext(request);
    }
}
