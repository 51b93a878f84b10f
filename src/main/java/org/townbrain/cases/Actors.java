package org.townbrain.cases;

import org.springframework.stereotype.Component;
import org.townbrain.access.Users;
import org.townbrain.platform.scope.Scope;
import org.townbrain.platform.scope.ScopeProvider;

/** The actor behind the current request. */
@Component
class Actors {

    private final Users users;
    private final ScopeProvider scopes;

    Actors(Users users, ScopeProvider scopes) {
        this.users = users;
        this.scopes = scopes;
    }

    /** The logged-in user, or a citizen when nobody is logged in. */
    Actor current() {
        return users.current().map(u -> new Actor(u.username(), u.role(), scopes.current(), Actor.Kind.USER))
                .orElseGet(Actor::citizen);
    }

    Scope scope() {
        return scopes.current();
    }
}
