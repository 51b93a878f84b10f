package org.townbrain.checkin;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.townbrain.platform.errors.NotFoundException;
import org.townbrain.platform.errors.RejectedException;

/**
 * Visitors checking in and out. A first check-in needs a phone number and consent; later ones
 * need only the visitor's token. A second scan of the same venue within the same-visit window
 * answers with the check-in already made.
 */
@Service("checkins")
@Transactional
class Checkins {

    private final JdbcClient jdbc;
    private final PersonalDataCipher cipher;
    private final CheckinProperties properties;
    private final Clock clock;

    Checkins(JdbcClient jdbc, PersonalDataCipher cipher, CheckinProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * What a visitor sends: a token (returning) or a phone number with consent (first time).
     *
     * @param token the presented visitor token, or {@code null}
     */
    record Request(String phone, boolean consent, String token) {
    }

    /**
     * The outcome.
     *
     * @param newToken a token to hand to the visitor, or {@code null} when they keep theirs
     * @param sameVisit true when this scan repeated a check-in within the same-visit window
     */
    record Result(long checkinId, long visitorId, VisitorToken newToken, boolean sameVisit, Instant at) {
    }

    /** A visitor as the public pages see them: masked number only. */
    record Visitor(long id, String maskedPhone) {
    }

    /** One check-in as staff see it: masked. */
    record Row(long id, Instant in, Instant out, boolean autoCheckout, String who, String registeredBy) {
    }

    /** A returning visitor's check-in, answered by {@link ReturningCheckins}. */
    record Returning(long checkinId, long visitorId, String venueCode, String venueName, boolean sameVisit) {
    }

    Result checkIn(Venue venue, Request request) {
        Instant now = clock.instant();
        Optional<Long> returning = identify(request.token(), now);
        VisitorToken newToken = null;
        String consentVersion = null;
        long visitorId;
        if (returning.isPresent() && (request.phone() == null || request.phone().isBlank())) {
            visitorId = returning.get();
        } else {
            if (request.phone() == null || request.phone().isBlank()) {
                throw new RejectedException("phone", "请输入手机号码 / enter your mobile number");
            }
            PhoneNumber phone = PhoneNumber.parse(request.phone());
            if (!request.consent()) {
                throw new RejectedException("consent", "请阅读并勾选同意 / read and tick the consent");
            }
            consentVersion = properties.consentVersion();
            visitorId = upsertVisitor(phone, consentVersion, now);
            newToken = VisitorToken.random();
            jdbc.sql("insert into checkin_visitor_token (token_hash, visitor_id, created_at) values (:h, :v, :at)")
                    .param("h", newToken.hash()).param("v", visitorId).param("at", Timestamp.from(now)).update();
        }
        Optional<Long> same = jdbc.sql("""
                select id from checkin_checkin where venue_id = :venue and visitor_id = :visitor
                  and checked_in_at > :since and checked_out_at is null order by checked_in_at desc limit 1""")
                .param("venue", venue.id()).param("visitor", visitorId)
                .param("since", Timestamp.from(now.minus(properties.sameVisitWindow()))).query(Long.class).optional();
        if (same.isPresent()) {
            return new Result(same.get(), visitorId, newToken, true, now);
        }
        Visit visit = begin(venue, visitorId, now, consentVersion, null);
        return new Result(visit.id(), visitorId, newToken, visit.same(), now);
    }

    private record Visit(long id, boolean same) {
    }

    /**
     * A new visit, at most one open per visitor and venue (a unique index): an open one from before
     * the same-visit window is checked out now; one that another instance has just begun is this
     * one too, and answered as the same visit.
     */
    private Visit begin(Venue venue, long visitorId, Instant now, String consentVersion, String staff) {
        jdbc.sql("""
                update checkin_checkin set checked_out_at = :now, auto_checkout = true
                where venue_id = :venue and visitor_id = :visitor and checked_out_at is null and checked_in_at <= :since""")
                .param("now", Timestamp.from(now)).param("venue", venue.id()).param("visitor", visitorId)
                .param("since", Timestamp.from(now.minus(properties.sameVisitWindow()))).update();
        Optional<Long> id = jdbc.sql("""
                insert into checkin_checkin (venue_id, visitor_id, checked_in_at, consent_version, registered_by)
                values (:venue, :visitor, :at, :consent, :staff)
                on conflict (visitor_id, venue_id) where checked_out_at is null do nothing returning id""")
                .param("venue", venue.id()).param("visitor", visitorId).param("at", Timestamp.from(now))
                .param("consent", consentVersion).param("staff", staff).query(Long.class).optional();
        if (id.isPresent()) {
            return new Visit(id.get(), false);
        }
        return new Visit(jdbc.sql("""
                select id from checkin_checkin where venue_id = :venue and visitor_id = :visitor and checked_out_at is null""")
                .param("venue", venue.id()).param("visitor", visitorId).query(Long.class).single(), true);
    }

    /** Staff check in someone without a phone (or without a smartphone), by name, with spoken consent. */
    Result registerByStaff(Venue venue, String name, String phone, String staff) {
        String cleanName = name == null ? "" : name.strip();
        if (cleanName.isEmpty() || cleanName.length() > 40) {
            throw new RejectedException("name", "请填写姓名（最多40字） / enter a name of at most 40 characters");
        }
        PhoneNumber number = phone == null || phone.isBlank() ? null : PhoneNumber.parse(phone);
        Instant now = clock.instant();
        long visitorId;
        if (number != null) {
            visitorId = upsertVisitor(number, properties.consentVersion(), now);
        } else {
            visitorId = jdbc.sql("""
                    insert into checkin_visitor (name_cipher, consent_version, consent_at, registered_by, created_at, last_seen_at)
                    values (:name, :consent, :at, :staff, :at, :at) returning id""")
                    .param("name", cipher.encrypt(cleanName)).param("consent", properties.consentVersion())
                    .param("at", Timestamp.from(now)).param("staff", staff).query(Long.class).single();
        }
        Visit visit = begin(venue, visitorId, now, properties.consentVersion(), staff);
        return new Result(visit.id(), visitorId, null, visit.same(), now);
    }

    /** The visitor a token names, if it is still valid. */
    @Transactional(readOnly = true)
    Optional<Visitor> visitor(String token) {
        if (!VisitorToken.wellFormed(token)) {
            return Optional.empty();
        }
        return jdbc.sql("""
                select v.id, v.phone_cipher from checkin_visitor_token t join checkin_visitor v on v.id = t.visitor_id
                where t.token_hash = :h""").param("h", new VisitorToken(token).hash())
                .query((rs, n) -> new Visitor(rs.getLong(1), PhoneNumber.mask(cipher.decrypt(rs.getBytes(2))))).optional();
    }

    /** The visitor's own check-in, for the confirmation page; 404 when it is not theirs. */
    @Transactional(readOnly = true)
    Row own(long checkinId, long visitorId) {
        return jdbc.sql("""
                select id, checked_in_at, checked_out_at, auto_checkout from checkin_checkin
                where id = :id and visitor_id = :visitor""").param("id", checkinId).param("visitor", visitorId)
                .query((rs, n) -> new Row(rs.getLong(1), rs.getTimestamp(2).toInstant(), instant(rs.getTimestamp(3)),
                        rs.getBoolean(4), null, null)).optional().orElseThrow(() -> new NotFoundException("check-in"));
    }

    /** Checks the visitor out of their open check-in at this venue; false when there is none. */
    boolean checkOut(Venue venue, long visitorId) {
        return jdbc.sql("""
                update checkin_checkin set checked_out_at = :now where venue_id = :venue and visitor_id = :visitor
                  and checked_out_at is null and checked_in_at > :stay""")
                .param("now", Timestamp.from(clock.instant())).param("venue", venue.id()).param("visitor", visitorId)
                .param("stay", Timestamp.from(clock.instant().minus(properties.autoCheckoutAfter()))).update() > 0;
    }

    /** The latest check-ins at a venue, masked, for staff. */
    @Transactional(readOnly = true)
    List<Row> recent(Venue venue, int limit) {
        return jdbc.sql("""
                select c.id, c.checked_in_at, c.checked_out_at, c.auto_checkout, v.phone_cipher, v.name_cipher, c.registered_by
                from checkin_checkin c join checkin_visitor v on v.id = c.visitor_id
                where c.venue_id = :venue order by c.checked_in_at desc limit :limit""")
                .param("venue", venue.id()).param("limit", limit)
                .query((rs, n) -> new Row(rs.getLong(1), rs.getTimestamp(2).toInstant(), instant(rs.getTimestamp(3)),
                        rs.getBoolean(4), masked(rs.getBytes(5), rs.getBytes(6)), rs.getString(7))).list();
    }

    private Optional<Long> identify(String token, Instant now) {
        if (!VisitorToken.wellFormed(token)) {
            return Optional.empty();
        }
        return jdbc.sql("""
                update checkin_visitor set last_seen_at = :now
                where id = (select visitor_id from checkin_visitor_token where token_hash = :h) returning id""")
                .param("now", Timestamp.from(now)).param("h", new VisitorToken(token).hash()).query(Long.class).optional();
    }

    private long upsertVisitor(PhoneNumber phone, String consentVersion, Instant now) {
        return jdbc.sql("""
                insert into checkin_visitor (phone_cipher, phone_index, consent_version, consent_at, created_at, last_seen_at)
                values (:cipher, :index, :consent, :now, :now, :now)
                on conflict (phone_index) do update set consent_version = excluded.consent_version,
                    consent_at = excluded.consent_at, last_seen_at = excluded.last_seen_at
                returning id""")
                .param("cipher", cipher.encrypt(phone.digits())).param("index", cipher.index(phone))
                .param("consent", consentVersion).param("now", Timestamp.from(now)).query(Long.class).single();
    }

    private String masked(byte[] phone, byte[] name) {
        if (phone != null) {
            return PhoneNumber.mask(cipher.decrypt(phone));
        }
        String plain = name == null ? null : cipher.decrypt(name);
        return plain == null || plain.isEmpty() ? "—" : plain.charAt(0) + "*".repeat(Math.max(1, plain.length() - 1));
    }

    static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
