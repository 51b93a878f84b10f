package org.townbrain.access;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/** The access module's API for other modules: who is calling. */
@Component
public class Users {

    private final JdbcClient jdbc;

    Users(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The enabled users who have this role, by display name: e.g. the agents (代办员) a request can be assigned to. */
    public List<CurrentUser> withRole(Role role) {
        return jdbc.sql("""
                select id, username, display_name, jurisdiction_level, jurisdiction_code from access_user
                where role = :role and enabled order by display_name, username""")
                .param("role", role.name())
                .query((rs, n) -> new CurrentUser(rs.getLong(1), rs.getString(2), rs.getString(3), role,
                        new Jurisdiction(Jurisdiction.Level.valueOf(rs.getString(4)), rs.getString(5))))
                .list();
    }

    /** The logged-in user, or empty for anonymous callers (public pages) and background jobs. */
    public Optional<CurrentUser> current() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof AccessUser user) {
            return Optional.of(user.toCurrentUser());
        }
        return Optional.empty();
    }
}
