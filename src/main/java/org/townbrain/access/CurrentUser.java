package org.townbrain.access;

/** The logged-in user as other modules see them (never their password or tokens). */
public record CurrentUser(long id, String username, String displayName, Role role, Jurisdiction jurisdiction) {

    public boolean is(Role candidate) {
        return role == candidate;
    }
}
