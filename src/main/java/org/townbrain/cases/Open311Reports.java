package org.townbrain.cases;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.townbrain.platform.errors.ConflictException;
import org.townbrain.platform.errors.NotFoundException;
import org.townbrain.platform.errors.RejectedException;

/**
 * What becomes of a GeoReport request: a case in its town, or, when nobody can tell the town, a
 * report waiting in the county dispatcher's triage inbox (待分派) until the dispatcher places it in
 * a town (which opens the case) or voids it.
 */
@Service
class Open311Reports {

    /** A checked GeoReport request. Position in WGS-84 or both null (an address only). */
    record Submission(String categoryCode, String townCode, String villageCode, Double longitude, Double latitude,
            String address, String description, String mediaUrl, String reporterName, String reporterContact) {
    }

    /** A report in the triage inbox. */
    record Waiting(long id, String categoryCode, String categoryName, String address, Double longitude, Double latitude,
            String description, String mediaUrl, Instant receivedAt) {
    }

    /** Where a token stands: the case's ref once there is a case, else {@code null}. */
    record Followed(String token, String serviceRequestId) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final CaseHandling handling;
    private final CaseRepository cases;
    private final CategoryCatalogue catalogue;
    private final CountyArea area;
    private final JdbcClient jdbc;
    private final Clock clock;

    Open311Reports(CaseHandling handling, CaseRepository cases, CategoryCatalogue catalogue, CountyArea area,
            JdbcClient jdbc, Clock clock) {
        this.handling = handling;
        this.cases = cases;
        this.catalogue = catalogue;
        this.area = area;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Opens the case in the submission's town. Without a position the case stands at the county's
     * label point, marked as estimated so that it is never published as the request's location.
     */
    @Transactional
    CaseHandling.Reported open(Submission s) {
        boolean estimated = s.longitude() == null || s.latitude() == null;
        double[] position = estimated ? area.centre() : new double[] {s.longitude(), s.latitude()};
        CaseHandling.Reported reported = handling.report(new CaseHandling.Report("OPEN311", s.categoryCode(), s.townCode(),
                s.villageCode(), position[0], position[1], s.address(), s.description(), s.reporterName(),
                s.reporterContact(), null, null, null), Actor.citizen(), List.of());
        if (estimated || s.mediaUrl() != null) {
            jdbc.sql("update cases_case set media_url = :m, position_estimated = :e where id = :id")
                    .param("m", s.mediaUrl()).param("e", estimated).param("id", reported.id()).update();
        }
        return reported;
    }

    /** Puts the report in the triage inbox; answers the token the client follows it by. */
    @Transactional
    String park(Submission s) {
        catalogue.require(s.categoryCode());
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        String token = "t" + HexFormat.of().formatHex(bytes);
        jdbc.sql("""
                insert into cases_open311_triage (token, category_code, longitude, latitude, address, description, media_url,
                  reporter_name, reporter_contact, received_at, state)
                values (:tok, :cat, :lon, :lat, :addr, :descr, :media, :rn, :rc, :at, 'WAITING')""")
                .param("tok", token).param("cat", s.categoryCode()).param("lon", s.longitude()).param("lat", s.latitude())
                .param("addr", s.address()).param("descr", s.description()).param("media", s.mediaUrl())
                .param("rn", s.reporterName()).param("rc", s.reporterContact()).param("at", Timestamp.from(clock.instant()))
                .update();
        return token;
    }

    List<Waiting> waiting(int limit) {
        return jdbc.sql("""
                select t.id, t.category_code, k.name, t.address, t.longitude, t.latitude, t.description, t.media_url, t.received_at
                from cases_open311_triage t join cases_category k on k.code = t.category_code
                where t.state = 'WAITING' order by t.received_at limit :limit""")
                .param("limit", limit)
                .query((rs, n) -> new Waiting(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        (Double) rs.getObject(5), (Double) rs.getObject(6), rs.getString(7), rs.getString(8),
                        rs.getTimestamp(9).toInstant()))
                .list();
    }

    /** The dispatcher places the report in a town (and, optionally, at a position): the case opens. */
    @Transactional
    long place(long id, String townCode, Double longitude, Double latitude, Actor dispatcher) {
        if (townCode == null || townCode.isBlank()) {
            throw new RejectedException("townCode", "请选择所在镇街 / choose the town");
        }
        var row = waitingForUpdate(id);
        Double lon = longitude != null && latitude != null ? longitude : row.longitude();
        Double lat = longitude != null && latitude != null ? latitude : row.latitude();
        CaseHandling.Reported reported = open(new Submission(row.categoryCode(), townCode.strip(), null, lon, lat,
                row.address(), row.description(), row.mediaUrl(), row.reporterName(), row.reporterContact()));
        decide(id, "PLACED", reported.id(), dispatcher, null);
        return reported.id();
    }

    /** The dispatcher voids the report (not a matter for the county, a test, abuse). */
    @Transactional
    void dismiss(long id, String note, Actor dispatcher) {
        waitingForUpdate(id);
        String reason = note == null ? "" : note.strip();
        if (reason.isEmpty() || reason.length() > 400) {
            throw new RejectedException("note", "请说明作废原因（400 字以内）/ give the reason (up to 400 characters)");
        }
        decide(id, "VOIDED", null, dispatcher, reason);
    }

    Optional<Followed> follow(String token) {
        Optional<Long> caseId = cases.idByToken(token);
        if (caseId.isPresent()) {
            return Optional.of(new Followed(token, refOf(caseId.get())));
        }
        return jdbc.sql("select case_id from cases_open311_triage where token = :t").param("t", token)
                .query((rs, n) -> new Followed(token, rs.getObject(1) == null ? null : refOf(rs.getLong(1)))).optional();
    }

    private String refOf(long caseId) {
        return jdbc.sql("select ref from cases_case where id = :id").param("id", caseId).query(String.class).single();
    }

    private record Row(String categoryCode, Double longitude, Double latitude, String address, String description,
            String mediaUrl, String reporterName, String reporterContact) {
    }

    private Row waitingForUpdate(long id) {
        Row row = jdbc.sql("""
                select category_code, longitude, latitude, address, description, media_url, reporter_name, reporter_contact, state
                from cases_open311_triage where id = :id for update""")
                .param("id", id)
                .query((rs, n) -> {
                    if (!"WAITING".equals(rs.getString("state"))) {
                        throw new ConflictException("已被他人处理，请刷新 / already decided by someone else; reload");
                    }
                    return new Row(rs.getString(1), (Double) rs.getObject(2), (Double) rs.getObject(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8));
                })
                .optional().orElseThrow(() -> new NotFoundException("report"));
        return row;
    }

    /** Records the decision; the reporter's name and contact leave the inbox (kept on the case, if any). */
    private void decide(long id, String state, Long caseId, Actor dispatcher, String note) {
        jdbc.sql("""
                update cases_open311_triage set state = :st, case_id = :c, decided_by = :by, decided_at = :at, note = :note,
                  reporter_name = null, reporter_contact = null
                where id = :id""")
                .param("st", state).param("c", caseId).param("by", dispatcher.name())
                .param("at", Timestamp.from(clock.instant())).param("note", note).param("id", id).update();
    }
}
