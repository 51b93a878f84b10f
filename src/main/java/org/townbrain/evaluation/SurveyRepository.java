package org.townbrain.evaluation;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Survey answers, one row per respondent and town-year, and their aggregation. */
@Repository
class SurveyRepository {

    private final JdbcClient jdbc;

    SurveyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The respondents and mean answer share (0–1) of a town-year. */
    record Tally(int responses, double meanShare) {
        Double percent(int minResponses) {
            return responses >= Math.max(1, minResponses) ? Scoring.round(meanShare * 100) : null;
        }
    }

    /** What an answer is worth: 1 satisfied, 2 mostly satisfied, 3 neutral, 4 dissatisfied (assumed weights). */
    static final double[] WORTH = {0, 1.0, 0.8, 0.5, 0};

    /** The mean worth of one respondent's answers. */
    static double share(int[] answers) {
        double sum = 0;
        for (int a : answers) {
            sum += WORTH[a];
        }
        return answers.length == 0 ? 0 : sum / answers.length;
    }

    /** @return false when this respondent has answered for this town and year already */
    boolean add(String townCode, int year, String respondent, int[] answers, Instant at) {
        return jdbc.sql("""
                insert into evaluation_survey_response (town_code, year, respondent, answers, share, answered_at)
                values (:t, :y, :r, cast(:a as smallint[]), :s, :at) on conflict do nothing""")
                .param("t", townCode).param("y", year).param("r", respondent)
                .param("a", "{" + String.join(",", java.util.Arrays.stream(answers).mapToObj(String::valueOf).toList()) + "}")
                .param("s", share(answers)).param("at", Timestamp.from(at)).update() == 1;
    }

    /** Stores the hashes of a new batch of one-time codes; returns the batch number. */
    long issue(String townCode, int year, java.util.List<String> codeHashes, String by, Instant at) {
        long batch = jdbc.sql("select nextval('evaluation_survey_code_batch_seq')").query(Long.class).single();
        jdbc.sql("""
                insert into evaluation_survey_code (town_code, year, code_hash, batch, issued_at, issued_by)
                select :t, :y, h, :b, :at, :by from unnest(:hashes::text[]) as h""")
                .param("t", townCode).param("y", year).param("b", batch).param("at", Timestamp.from(at)).param("by", by)
                .param("hashes", codeHashes.toArray(String[]::new)).update();
        return batch;
    }

    enum Redeemed { NOW, BEFORE, UNKNOWN }

    /** Marks a code used, once: whether it was used now, had been used before, or was never issued. */
    Redeemed redeem(String townCode, int year, String codeHash, Instant at) {
        int rows = jdbc.sql("""
                update evaluation_survey_code set used_at = :at
                where town_code = :t and year = :y and code_hash = :h and used_at is null""")
                .param("at", Timestamp.from(at)).param("t", townCode).param("y", year).param("h", codeHash).update();
        if (rows == 1) {
            return Redeemed.NOW;
        }
        return codeUsed(townCode, year, codeHash) == null ? Redeemed.UNKNOWN : Redeemed.BEFORE;
    }

    /** {@code null} when no such code was issued, else whether it has been used. */
    Boolean codeUsed(String townCode, int year, String codeHash) {
        return jdbc.sql("select used_at is not null from evaluation_survey_code where town_code = :t and year = :y and code_hash = :h")
                .param("t", townCode).param("y", year).param("h", codeHash).query(Boolean.class).optional().orElse(null);
    }

    /** Per town of a year: codes issued and used. */
    record CodeCount(String townCode, int issued, int used) {
    }

    java.util.List<CodeCount> codeCounts(int year) {
        return jdbc.sql("""
                select town_code, count(*), count(used_at) from evaluation_survey_code where year = :y
                group by town_code order by town_code""").param("y", year)
                .query((rs, n) -> new CodeCount(rs.getString(1), rs.getInt(2), rs.getInt(3))).list();
    }

    boolean answered(String townCode, int year, String respondent) {
        return jdbc.sql("select count(*) from evaluation_survey_response where town_code = :t and year = :y and respondent = :r")
                .param("t", townCode).param("y", year).param("r", respondent).query(Integer.class).single() > 0;
    }

    /** Per town: respondents and the mean of their shares (every respondent answers every question). */
    Map<String, Tally> tallies(int year) {
        Map<String, Tally> map = new HashMap<>();
        jdbc.sql("""
                select town_code, count(*), avg(share) from evaluation_survey_response
                where year = :y group by town_code""")
                .param("y", year).query(rs -> {
                    map.put(rs.getString(1), new Tally(rs.getInt(2), rs.getDouble(3)));
                });
        return map;
    }
}
