package org.townbrain.access;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for the user table. */
@Repository
class UserRepository {

    private static final String SELECT = """
            select id, username, display_name, password_hash, role, jurisdiction_level, jurisdiction_code,
                   enabled, failed_logins, locked_until, version from access_user""";

    private final JdbcClient jdbc;
    private final java.time.Clock clock;

    UserRepository(JdbcClient jdbc, java.time.Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    Optional<AccessUser> byUsername(String username) {
        return jdbc.sql(SELECT + " where username = :u").param("u", username).query(this::map).optional();
    }

    Optional<AccessUser> byId(long id) {
        return jdbc.sql(SELECT + " where id = :id").param("id", id).query(this::map).optional();
    }

    List<AccessUser> all() {
        return jdbc.sql(SELECT + " order by role, username").query(this::map).list();
    }

    long count() {
        return jdbc.sql("select count(*) from access_user").query(Long.class).single();
    }

    long insert(String username, String displayName, String passwordHash, Role role, Jurisdiction jurisdiction) {
        return jdbc.sql("""
                insert into access_user (username, display_name, password_hash, role, jurisdiction_level, jurisdiction_code)
                values (:u, :d, :p, :r, :l, :c) returning id""")
                .param("u", username).param("d", displayName).param("p", passwordHash).param("r", role.name())
                .param("l", jurisdiction.level().name()).param("c", jurisdiction.code()).query(Long.class).single();
    }

    /** Updates role, jurisdiction and enabled flag if nobody changed the user since {@code version}. */
    boolean update(long id, int version, String displayName, Role role, Jurisdiction jurisdiction, boolean enabled) {
        return jdbc.sql("""
                update access_user set display_name = :d, role = :r, jurisdiction_level = :l, jurisdiction_code = :c,
                       enabled = :e, version = version + 1
                where id = :id and version = :v""")
                .param("d", displayName).param("r", role.name()).param("l", jurisdiction.level().name())
                .param("c", jurisdiction.code()).param("e", enabled).param("id", id).param("v", version).update() == 1;
    }

    void changePassword(long id, String passwordHash) {
        jdbc.sql("update access_user set password_hash = :p, failed_logins = 0, locked_until = null, version = version + 1 "
                + "where id = :id").param("p", passwordHash).param("id", id).update();
    }

    /** Counts a failed login (the account is not locked: see LoginBackoff). */
    void recordFailure(String username) {
        jdbc.sql("update access_user set failed_logins = failed_logins + 1 where username = :u").param("u", username).update();
    }

    void recordSuccess(String username) {
        jdbc.sql("update access_user set failed_logins = 0, locked_until = null where username = :u and failed_logins > 0")
                .param("u", username).update();
    }

    private AccessUser map(ResultSet rs, int row) throws SQLException {
        Timestamp locked = rs.getTimestamp("locked_until");
        return new AccessUser(rs.getLong("id"), rs.getString("username"), rs.getString("display_name"),
                rs.getString("password_hash"), Role.valueOf(rs.getString("role")),
                new Jurisdiction(Jurisdiction.Level.valueOf(rs.getString("jurisdiction_level")),
                        rs.getString("jurisdiction_code")),
                rs.getBoolean("enabled"), rs.getInt("failed_logins"), locked == null ? null : locked.toInstant(),
                rs.getInt("version"), clock.instant());
    }
}
