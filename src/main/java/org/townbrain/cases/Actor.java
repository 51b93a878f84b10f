package org.townbrain.cases;

import org.townbrain.access.Role;
import org.townbrain.platform.scope.Scope;

/**
 * Who takes an action: a logged-in user with role and scope, a citizen without an account, or
 * the system itself (scheduled jobs, events from other modules).
 */
record Actor(String name, Role role, Scope scope, Kind kind) {

    enum Kind { USER, CITIZEN, SYSTEM }

    static Actor system(String name) {
        return new Actor(name, null, Scope.county(), Kind.SYSTEM);
    }

    static Actor citizen() {
        return new Actor("citizen", null, Scope.county(), Kind.CITIZEN);
    }

    boolean isUser() {
        return kind == Kind.USER;
    }
}
