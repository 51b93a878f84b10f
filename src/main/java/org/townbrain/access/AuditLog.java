package org.townbrain.access;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The audit log: who did what, when, from where. Every write through the web is recorded by
 * {@link AuditFilter}; modules add entries for actions that need a reason (trace queries, say).
 * Entries never hold personal data: targets are record ids, not names or numbers.
 */
@Service
public class AuditLog {

    private final JdbcClient jdbc;
    private final Users users;
    private final Clock clock;

    AuditLog(JdbcClient jdbc, Users users, Clock clock) {
        this.jdbc = jdbc;
        this.users = users;
        this.clock = clock;
    }

    /** One entry of the log. */
    public record Entry(long id, Instant at, String username, String action, String target, int outcome,
            String remoteAddr) {
    }

    /** Records an action by the current user, in its own transaction so it survives a rollback. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void record(String action, String target) {
        write(users.current().map(CurrentUser::username).orElse(null), action, target, 0, null);
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    void write(String username, String action, String target, int outcome, String remoteAddr) {
        jdbc.sql("""
                insert into access_audit (at, username, action, target, outcome, remote_addr)
                values (:at, :u, :a, :t, :o, :r)""")
                .param("at", Timestamp.from(clock.instant())).param("u", username).param("a", truncate(action, 300))
                .param("t", truncate(target, 300)).param("o", outcome).param("r", remoteAddr).update();
    }

    /** The newest entries first, optionally of one user. */
    List<Entry> page(String username, int offset, int limit) {
        String where = username == null || username.isBlank() ? "" : " where username = :u";
        var spec = jdbc.sql("select id, at, username, action, target, outcome, remote_addr from access_audit" + where
                + " order by at desc, id desc offset :o limit :l").param("o", offset).param("l", limit);
        if (!where.isEmpty()) {
            spec = spec.param("u", username.strip());
        }
        return spec.query((rs, n) -> new Entry(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
                rs.getString(4), rs.getString(5), rs.getInt(6), rs.getString(7))).list();
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
