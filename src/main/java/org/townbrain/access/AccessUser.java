package org.townbrain.access;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/** A user account as Spring Security sees it. */
record AccessUser(long id, String username, String displayName, String passwordHash, Role role,
        Jurisdiction jurisdiction, boolean enabled, int failedLogins, Instant lockedUntil, int version)
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

    /** Locked while a lock-out after repeated failures lasts; checked against the wall clock. */
    @Override
    public boolean isAccountNonLocked() {
        return lockedUntil == null || lockedUntil.isBefore(Instant.now());
    }

    CurrentUser toCurrentUser() {
        return new CurrentUser(id, username, displayName, role, jurisdiction);
    }

    @Override
    public String toString() {
        return "AccessUser[" + username + ", " + role + "]";
    }
}
