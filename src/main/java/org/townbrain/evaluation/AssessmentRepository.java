package org.townbrain.evaluation;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.townbrain.platform.errors.ConflictException;

/** Assessments, their values and evidence files. */
@Repository
class AssessmentRepository {

    private final JdbcClient jdbc;

    AssessmentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Head(long id, String townCode, int year, Assessment.Status status, String comment, int version) {
    }

    record Evidence(long id, String indicator, String filename, String contentType, int size, Instant uploadedAt) {
    }

    Optional<Assessment> find(String townCode, int year) {
        return jdbc.sql("select id, town_code, year, status, review_comment, version from evaluation_assessment where town_code = :t and year = :y")
                .param("t", townCode).param("y", year).query((rs, n) -> new Head(rs.getLong(1), rs.getString(2),
                        rs.getInt(3), Assessment.Status.valueOf(rs.getString(4)), rs.getString(5), rs.getInt(6)))
                .optional().map(h -> new Assessment(h.id(), h.townCode(), h.year(), h.status(), h.comment(), h.version(),
                        values(h.id())));
    }

    /** The status of every assessment of a year, by town. */
    Map<String, Assessment.Status> statusesOfYear(int year) {
        Map<String, Assessment.Status> map = new HashMap<>();
        jdbc.sql("select town_code, status from evaluation_assessment where year = :y").param("y", year)
                .query(rs -> {
                    map.put(rs.getString(1), Assessment.Status.valueOf(rs.getString(2)));
                });
        return map;
    }

    /**
     * The survey tallies frozen when the county accepted: for accepted and locked assessments only,
     * so that answers arriving later never change their results.
     */
    Map<String, SurveyRepository.Tally> frozenTallies(int year) {
        Map<String, SurveyRepository.Tally> map = new HashMap<>();
        jdbc.sql("""
                select town_code, survey_responses, survey_share from evaluation_assessment
                where year = :y and status in ('ACCEPTED', 'LOCKED')""").param("y", year)
                .query(rs -> {
                    map.put(rs.getString(1), new SurveyRepository.Tally(rs.getInt(2), rs.getDouble(3)));
                });
        return map;
    }

    /** Just the numbers of every assessment of a year, by town and indicator: what scoring needs. */
    Map<String, Map<String, Double>> valuesOfYear(int year) {
        Map<String, Map<String, Double>> map = new HashMap<>();
        jdbc.sql("""
                select a.town_code, v.indicator, v.value from evaluation_value v
                join evaluation_assessment a on a.id = v.assessment_id where a.year = :y""")
                .param("y", year).query(rs -> {
                    map.computeIfAbsent(rs.getString(1), k -> new HashMap<>(96)).put(rs.getString(2), rs.getDouble(3));
                });
        return map;
    }

    Assessment create(String townCode, int year) {
        jdbc.sql("insert into evaluation_assessment (town_code, year, status) values (:t, :y, 'DRAFT') on conflict do nothing")
                .param("t", townCode).param("y", year).update();
        return find(townCode, year).orElseThrow();
    }

    /** Moves the assessment on if nobody else did first; bumps the version. */
    void changeStatus(Assessment a, Assessment.Status to, String comment, String by, Instant at) {
        int rows = jdbc.sql("""
                update evaluation_assessment set status = :s, version = version + 1,
                    review_comment = case when :s in ('RETURNED', 'ACCEPTED') then :c else review_comment end,
                    submitted_at = case when :s = 'SUBMITTED' then :at else submitted_at end,
                    reviewed_at = case when :s in ('RETURNED', 'ACCEPTED') then :at else reviewed_at end,
                    reviewed_by = case when :s in ('RETURNED', 'ACCEPTED') then :by else reviewed_by end,
                    locked_at = case when :s = 'LOCKED' then :at else locked_at end,
                    survey_responses = case when :s = 'ACCEPTED' then (select count(*) from evaluation_survey_response r
                        where r.town_code = evaluation_assessment.town_code and r.year = evaluation_assessment.year)
                        else survey_responses end,
                    survey_share = case when :s = 'ACCEPTED' then (select avg(r.share) from evaluation_survey_response r
                        where r.town_code = evaluation_assessment.town_code and r.year = evaluation_assessment.year)
                        else survey_share end
                where id = :id and version = :v""")
                .param("s", to.name()).param("c", comment).param("at", Timestamp.from(at)).param("by", by)
                .param("id", a.id()).param("v", a.version()).update();
        if (rows == 0) {
            throw new ConflictException("评价已被他人修改，请刷新 / someone else changed the assessment first; reload");
        }
    }

    /** Bumps the version of an editable assessment, refusing a stale one: guards value edits. */
    void touch(Assessment a, Integer expectedVersion) {
        int v = expectedVersion == null ? a.version() : expectedVersion;
        int rows = jdbc.sql("update evaluation_assessment set version = version + 1 where id = :id and version = :v and status in ('DRAFT', 'RETURNED')")
                .param("id", a.id()).param("v", v).update();
        if (rows == 0) {
            throw new ConflictException("评价已被他人修改或已提交，请刷新 / the assessment changed meanwhile; reload");
        }
    }

    void putValue(long assessmentId, Assessment.Value v) {
        jdbc.sql("""
                insert into evaluation_value (assessment_id, indicator, value, source, source_detail, note, entered_by, entered_at)
                values (:a, :i, :v, :s, :d, :n, :by, :at)
                on conflict (assessment_id, indicator) do update set value = excluded.value, source = excluded.source,
                    source_detail = excluded.source_detail, note = excluded.note, entered_by = excluded.entered_by,
                    entered_at = excluded.entered_at""")
                .param("a", assessmentId).param("i", v.indicator()).param("v", v.value()).param("s", v.source().name())
                .param("d", v.sourceDetail()).param("n", v.note()).param("by", v.enteredBy())
                .param("at", Timestamp.from(v.enteredAt())).update();
    }

    long addEvidence(long assessmentId, String indicator, String filename, String contentType, byte[] content, String by,
            Instant at) {
        return jdbc.sql("""
                insert into evaluation_evidence (assessment_id, indicator, filename, content_type, size, content, uploaded_by, uploaded_at)
                values (:a, :i, :f, :c, :s, :b, :by, :at) returning id""")
                .param("a", assessmentId).param("i", indicator).param("f", filename).param("c", contentType)
                .param("s", content.length).param("b", content).param("by", by).param("at", Timestamp.from(at))
                .query(Long.class).single();
    }

    List<Evidence> evidence(long assessmentId) {
        return jdbc.sql("select id, indicator, filename, content_type, size, uploaded_at from evaluation_evidence where assessment_id = :a order by id")
                .param("a", assessmentId).query((rs, n) -> new Evidence(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getInt(5), rs.getTimestamp(6).toInstant())).list();
    }

    Optional<byte[]> evidenceContent(long assessmentId, long evidenceId) {
        return jdbc.sql("select content from evaluation_evidence where id = :id and assessment_id = :a")
                .param("id", evidenceId).param("a", assessmentId).query(byte[].class).optional();
    }

    boolean anyLocked(int year) {
        return jdbc.sql("select count(*) from evaluation_assessment where year = :y and status = 'LOCKED'")
                .param("y", year).query(Integer.class).single() > 0;
    }

    private Map<String, Assessment.Value> values(long id) {
        Map<String, Assessment.Value> map = new HashMap<>();
        jdbc.sql("select assessment_id, indicator, value, source, source_detail, note, entered_by, entered_at from evaluation_value where assessment_id = :a")
                .param("a", id).query(rs -> {
                    map.put(rs.getString(2), value(rs));
                });
        return map;
    }

    private static Assessment.Value value(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Assessment.Value(rs.getString(2), rs.getDouble(3), Assessment.Source.valueOf(rs.getString(4)),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getTimestamp(8).toInstant());
    }
}
