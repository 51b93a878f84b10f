package org.townbrain.checkin;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.townbrain.access.AuditLog;
import org.townbrain.access.Role;
import org.townbrain.access.Users;
import org.townbrain.platform.errors.NotFoundException;
import org.townbrain.platform.errors.RejectedException;

/**
 * Trace queries for epidemic or emergency follow-up, for duty officers only: who was at a venue
 * in a window, and where one number checked in. Every query needs a reason and is written to the
 * audit log before any row is read; results are the only place a whole number is shown.
 */
@Service("checkinTraces")
@Transactional(readOnly = true)
class Traces {

    static final Duration LONGEST_WINDOW = Duration.ofDays(31);

    private final JdbcClient jdbc;
    private final PersonalDataCipher cipher;
    private final Users users;
    private final AuditLog audit;
    private final org.townbrain.platform.scope.ScopeProvider scopes;

    Traces(JdbcClient jdbc, PersonalDataCipher cipher, Users users, AuditLog audit,
            org.townbrain.platform.scope.ScopeProvider scopes) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.users = users;
        this.audit = audit;
        this.scopes = scopes;
    }

    /** One person at one venue; {@code phone} in full, or the staff-registered name. */
    record Presence(String venueCode, String venueName, String townCode, String phone, String name, Instant in,
            Instant out) {
    }

    List<Presence> atVenue(String venueCode, Instant from, Instant to, String reason) {
        String why = check(from, to, reason);
        var scope = scopes.current();
        // a duty officer traces within their own jurisdiction only
        record Found(long id, String townCode) {
        }
        long venueId = VenueCode.parse(venueCode).flatMap(c -> jdbc.sql("select id, town_code from checkin_venue where code = :c")
                .param("c", c.value()).query((rs, n) -> new Found(rs.getLong(1), rs.getString(2))).optional())
                .filter(found -> scope.coversTown(found.townCode())).map(Found::id)
                .orElseThrow(() -> new NotFoundException("venue"));
        audit.record("checkin.trace.venue", "venue=" + venueCode + " " + from + ".." + to + " reason=" + why);
        return jdbc.sql(select() + " where c.venue_id = :venue and c.checked_in_at < :to "
                + "and coalesce(c.checked_out_at, c.checked_in_at) >= :from order by c.checked_in_at")
                .param("venue", venueId).param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
                .query(this::presence).list();
    }

    List<Presence> ofPhone(String phoneInput, Instant from, Instant to, String reason) {
        PhoneNumber phone = PhoneNumber.parse(phoneInput);
        String why = check(from, to, reason);
        byte[] index = cipher.index(phone);
        // the audit log names the number by a prefix of its keyed hash, never by the number itself
        audit.record("checkin.trace.phone", "phone#" + HexFormat.of().formatHex(index, 0, 6) + " " + from + ".." + to
                + " reason=" + why);
        return jdbc.sql(select() + " where v.phone_index = :index and c.checked_in_at < :to "
                + "and coalesce(c.checked_out_at, c.checked_in_at) >= :from order by c.checked_in_at")
                .param("index", index).param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
                .query(this::presence).list().stream().filter(p -> scopes.current().coversTown(p.townCode())).toList();
    }

    private String check(Instant from, Instant to, String reason) {
        if (users.current().filter(u -> u.is(Role.DUTY_OFFICER)).isEmpty()) {
            throw new AccessDeniedException("trace queries are for duty officers");
        }
        String why = reason == null ? "" : reason.strip();
        if (why.length() < 4 || why.length() > 200) {
            throw new RejectedException("reason", "请说明查询理由（4–200字） / give a reason of 4 to 200 characters");
        }
        if (from == null || to == null || !from.isBefore(to)) {
            throw new RejectedException("from", "开始时间须早于结束时间 / the window must start before it ends");
        }
        if (Duration.between(from, to).compareTo(LONGEST_WINDOW) > 0) {
            throw new RejectedException("to", "查询时间窗最长31天 / the window is at most 31 days");
        }
        return why;
    }

    private static String select() {
        return """
                select ve.code, ve.name, ve.town_code, v.phone_cipher, v.name_cipher, c.checked_in_at, c.checked_out_at
                from checkin_checkin c join checkin_visitor v on v.id = c.visitor_id join checkin_venue ve on ve.id = c.venue_id""";
    }

    private Presence presence(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Presence(rs.getString(1), rs.getString(2), rs.getString(3), cipher.decrypt(rs.getBytes(4)),
                cipher.decrypt(rs.getBytes(5)), rs.getTimestamp(6).toInstant(), Checkins.instant(rs.getTimestamp(7)));
    }
}
