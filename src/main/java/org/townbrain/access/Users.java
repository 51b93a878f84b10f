package org.townbrain.access;

import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/** The access module's API for other modules: who is calling. */
@Component
public class Users {

    /** The logged-in user, or empty for anonymous callers (public pages) and background jobs. */
    public Optional<CurrentUser> current() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof AccessUser user) {
            return Optional.of(user.toCurrentUser());
        }
        return Optional.empty();
    }
}
