package org.townbrain.projects;

import java.util.Collection;
import java.util.Set;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import org.townbrain.access.Role;
import org.townbrain.access.Users;
import org.townbrain.platform.scope.OutOfScopeException;
import org.townbrain.platform.scope.Scope;
import org.townbrain.platform.scope.ScopeProvider;

/** Who may write what in this module: a role check plus the caller's jurisdiction. */
@Component
class Permissions {

    static final Set<Role> LEDGER = Set.of(Role.COUNTY_ADMIN, Role.CLUSTER_LEAD, Role.TOWN_STAFF);
    static final Set<Role> COUNTY = Set.of(Role.COUNTY_ADMIN);
    static final Set<Role> CHECKS = Set.of(Role.COUNTY_ADMIN, Role.INSPECTOR);
    static final Set<Role> SERVICES = Set.of(Role.COUNTY_ADMIN, Role.EXPERT);

    private final Users users;
    private final ScopeProvider scopes;

    Permissions(Users users, ScopeProvider scopes) {
        this.users = users;
        this.scopes = scopes;
    }

    Scope scope() {
        return scopes.current();
    }

    /** The caller has one of the roles and covers every town the write touches. */
    void require(Set<Role> roles, Collection<String> townCodes) {
        Role role = users.current().map(u -> u.role()).orElseThrow(() -> new AccessDeniedException("not logged in"));
        if (!roles.contains(role)) {
            throw new AccessDeniedException("role");
        }
        Scope scope = scopes.current();
        if (!townCodes.stream().allMatch(scope::coversTown)) {
            throw new OutOfScopeException("town");
        }
    }

    boolean may(Set<Role> roles) {
        return users.current().map(u -> roles.contains(u.role())).orElse(false);
    }
}
