package org.townbrain.cases;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.townbrain.platform.errors.ConflictException;

/** Stores cases and appends their event log, with optimistic locking on every change. */
@Repository
class CaseRepository {

    /** One entry of a case's timeline. */
    record Event(long id, Instant at, String type, String actor, CaseState state, String note) {

        /** For a closing, the reason its note starts with (stored as {@code FIXED · 说明}), for the page to name; else null. */
        public String closingReason() {
            if (!"CLOSED".equals(type) || note == null) {
                return null;
            }
            String head = note.split(" · ", 2)[0].strip();
            return java.util.Arrays.stream(ClosingReason.values()).anyMatch(r -> r.name().equals(head)) ? head : null;
        }

        /** The note without the closing reason's code, or null when nothing is left. */
        public String noteText() {
            String reason = closingReason();
            if (reason == null) {
                return note;
            }
            String rest = note.substring(reason.length()).replaceFirst("^\\s*·\\s*", "");
            return rest.isBlank() ? null : rest;
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] TOKEN_CHARS = "23456789abcdefghjkmnpqrstuvwxyz".toCharArray();

    private final JdbcClient jdbc;
    private final ZoneId zone;

    CaseRepository(JdbcClient jdbc, ZoneId countyZone) {
        this.jdbc = jdbc;
        this.zone = countyZone;
    }

    /** Inserts a new case with its ref and public token and appends its first events. */
    Case insert(Case kase, String reporterName, String reporterContact, String externalRef, Long inspectionId,
            boolean demo, String actor) {
        long id = jdbc.sql("select nextval('cases_case_id_seq')").query(Long.class).single();
        kase.id = id;
        kase.ref = kase.reportedAt.atZone(zone).getYear() + "-" + String.format("%07d", id);
        jdbc.sql("""
                insert into cases_case (id, ref, source, state, category_code, town_code, village_code, longitude, latitude,
                  address, description, reporter_user, reporter_name, reporter_contact, public_token, external_ref,
                  reported_at, order_id, inspection_id, demo, grid_code)
                values (:id, :ref, :src, :st, :cat, :town, :vil, :lon, :lat, :addr, :descr, :ru, :rn, :rc, :tok, :ext,
                  :at, :ord, :insp, :demo, :grid)""")
                .param("id", id).param("ref", kase.ref).param("src", kase.source).param("st", kase.state.name())
                .param("cat", kase.categoryCode).param("town", kase.townCode).param("vil", kase.villageCode)
                .param("lon", kase.longitude).param("lat", kase.latitude).param("addr", kase.address)
                .param("descr", kase.description).param("ru", kase.reporterUser).param("rn", reporterName)
                .param("rc", reporterContact).param("tok", token()).param("ext", externalRef)
                .param("at", Timestamp.from(kase.reportedAt)).param("ord", kase.orderId).param("insp", inspectionId)
                .param("demo", demo).param("grid", kase.gridCode).update();
        appendHappened(kase, actor, kase.reportedAt);
        return kase;
    }

    Optional<Case> find(long id) {
        return jdbc.sql("select * from cases_case where id = :id").param("id", id).query(CaseRepository::map).optional();
    }

    /** Writes the case's changes if nobody changed it since it was read at {@code kase.version}. */
    void save(Case kase, String actor, Instant at) {
        int rows = jdbc.sql("""
                update cases_case set state = :st, unit = :unit, accepted_at = :acc, dispatched_at = :dis, deadline = :dl,
                  pending_extension = :pe,
                  reminded_at = case when :restart then null else reminded_at end,
                  escalated_at = case when :restart then null else escalated_at end,
                  noticed_at = case when :restart then null else noticed_at end, handled_at = :han, closed_at = :clo,
                  closing_reason = :cr, closed_on_time = :ot, rework_count = :rw, merged_into = :mi, category_code = :cat,
                  version = version + 1
                where id = :id and version = :v""")
                .param("st", kase.state.name()).param("unit", kase.unit).param("acc", ts(kase.acceptedAt))
                .param("dis", ts(kase.dispatchedAt)).param("dl", ts(kase.deadline)).param("pe", kase.pendingExtension)
                .param("restart", kase.clockRestarted).param("han", ts(kase.handledAt))
                .param("clo", ts(kase.closedAt))
                .param("cr", kase.closingReason == null ? null : kase.closingReason.name())
                .param("ot", kase.closedOnTime).param("rw", kase.reworkCount).param("mi", kase.mergedInto)
                .param("cat", kase.categoryCode).param("id", kase.id).param("v", kase.version).update();
        if (rows == 0) {
            throw new ConflictException("案件已被他人处理，请刷新后重试 / the case was changed by someone else; reload");
        }
        kase.version++;
        kase.clockRestarted = false;
        appendHappened(kase, actor, at);
    }

    /** Records an event that does not change the case itself (a reminder, a photo). */
    long append(long caseId, String type, String actor, CaseState state, String note, Instant at) {
        return jdbc.sql("""
                insert into cases_event (case_id, at, type, actor, state, note) values (:c, :at, :t, :a, :s, :n)
                returning id""")
                .param("c", caseId).param("at", Timestamp.from(at)).param("t", type).param("a", actor)
                .param("s", state.name()).param("n", note).query(Long.class).single();
    }

    List<Event> timeline(long caseId) {
        return jdbc.sql("select id, at, type, actor, state, note from cases_event where case_id = :c order by id")
                .param("c", caseId).query((rs, n) -> new Event(rs.getLong(1), rs.getTimestamp(2).toInstant(),
                        rs.getString(3), rs.getString(4), CaseState.valueOf(rs.getString(5)), rs.getString(6))).list();
    }

    Optional<Long> idByToken(String token) {
        return jdbc.sql("select id from cases_case where public_token = :t").param("t", token).query(Long.class).optional();
    }

    String tokenOf(long id) {
        return jdbc.sql("select public_token from cases_case where id = :id").param("id", id).query(String.class).single();
    }

    private void appendHappened(Case kase, String actor, Instant at) {
        for (Case.Happened h : kase.happened()) {
            append(kase.id, h.type(), actor, kase.state, h.note(), at);
        }
        kase.clearHappened();
    }

    static Case map(ResultSet rs, int n) throws SQLException {
        Case kase = new Case();
        kase.id = rs.getLong("id");
        kase.ref = rs.getString("ref");
        kase.source = rs.getString("source");
        kase.state = CaseState.valueOf(rs.getString("state"));
        kase.categoryCode = rs.getString("category_code");
        kase.townCode = rs.getString("town_code");
        kase.villageCode = rs.getString("village_code");
        kase.gridCode = rs.getString("grid_code");
        kase.longitude = rs.getDouble("longitude");
        kase.latitude = rs.getDouble("latitude");
        kase.address = rs.getString("address");
        kase.description = rs.getString("description");
        kase.reporterUser = rs.getString("reporter_user");
        kase.unit = rs.getString("unit");
        kase.reportedAt = instant(rs, "reported_at");
        kase.acceptedAt = instant(rs, "accepted_at");
        kase.dispatchedAt = instant(rs, "dispatched_at");
        kase.deadline = instant(rs, "deadline");
        kase.pendingExtension = (Integer) rs.getObject("pending_extension");
        kase.remindedAt = instant(rs, "reminded_at");
        kase.escalatedAt = instant(rs, "escalated_at");
        kase.handledAt = instant(rs, "handled_at");
        kase.closedAt = instant(rs, "closed_at");
        String reason = rs.getString("closing_reason");
        kase.closingReason = reason == null ? null : ClosingReason.valueOf(reason);
        kase.closedOnTime = (Boolean) rs.getObject("closed_on_time");
        kase.reworkCount = rs.getInt("rework_count");
        kase.mergedInto = (Long) rs.getObject("merged_into");
        kase.orderId = (Long) rs.getObject("order_id");
        kase.version = rs.getInt("version");
        return kase;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static String token() {
        StringBuilder sb = new StringBuilder(16);
        for (int i = 0; i < 16; i++) {
            sb.append(TOKEN_CHARS[RANDOM.nextInt(TOKEN_CHARS.length)]);
        }
        return sb.toString();
    }
}
