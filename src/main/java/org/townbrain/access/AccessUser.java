package org.townbrain.access;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * A user account as Spring Security sees it, read at {@code readAt} (the county clock's instant when
 * the row was loaded, against which a lock-out is judged).
 */
record AccessUser(long id, String username, String displayName, String passwordHash, Role role,
        Jurisdiction jurisdiction, boolean enabled, int failedLogins, Instant lockedUntil, int version, Instant readAt)
        implements UserDetails {

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return List.of(new SimpleGrantedAuthority(role.authority()));
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return username;
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    /** Locked while a lock-out after repeated failures lasts; judged at the clock's instant the account was read. */
    @Override
    public boolean isAccountNonLocked() {
        return lockedUntil == null || readAt == null || lockedUntil.isBefore(readAt);
    }

    CurrentUser toCurrentUser() {
        return new CurrentUser(id, username, displayName, role, jurisdiction);
    }

    @Override
    public String toString() {
        return "AccessUser[" + username + ", " + role + "]";
    }
}
