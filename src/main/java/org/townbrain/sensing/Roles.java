package org.townbrain.sensing;

import java.util.Set;
import org.springframework.security.access.AccessDeniedException;
import org.townbrain.access.Role;
import org.townbrain.access.Users;

/** Who may do what in the sensing module (always within their own towns). */
final class Roles {

    /** Register sensors and issue their tokens. */
    static final Set<Role> MANAGE_SENSORS = Set.of(Role.COUNTY_ADMIN, Role.CLUSTER_LEAD, Role.TOWN_STAFF);
    /** Acknowledge alarms. */
    static final Set<Role> HANDLE_ALARMS = Set.of(Role.COUNTY_ADMIN, Role.CLUSTER_LEAD, Role.TOWN_STAFF,
            Role.DUTY_OFFICER);

    private Roles() {
    }

    static void require(Users users, Set<Role> allowed) {
        if (users.current().map(u -> !allowed.contains(u.role())).orElse(true)) {
            throw new AccessDeniedException("role");
        }
    }
}
