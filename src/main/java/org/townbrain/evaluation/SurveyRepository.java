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
