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

    /** @return false when this respondent has answered for this town and year already */
    boolean add(String townCode, int year, String respondent, int[] answers, Instant at) {
        Integer[] boxed = java.util.Arrays.stream(answers).boxed().toArray(Integer[]::new);
        return jdbc.sql("""
                insert into evaluation_survey_response (town_code, year, respondent, answers, answered_at)
                values (:t, :y, :r, cast(:a as smallint[]), :at) on conflict do nothing""")
                .param("t", townCode).param("y", year).param("r", respondent)
                .param("a", "{" + String.join(",", java.util.Arrays.stream(boxed).map(String::valueOf).toList()) + "}")
                .param("at", Timestamp.from(at)).update() == 1;
    }

    boolean answered(String townCode, int year, String respondent) {
        return jdbc.sql("select count(*) from evaluation_survey_response where town_code = :t and year = :y and respondent = :r")
                .param("t", townCode).param("y", year).param("r", respondent).query(Integer.class).single() > 0;
    }

    /**
     * Per town: answers are 1 (satisfied) … 4 (dissatisfied), worth 1, 0.8, 0.5 and 0 of a point
     * (assumed weights); the share is the mean over every answer of every respondent.
     */
    Map<String, Tally> tallies(int year) {
        Map<String, Tally> map = new HashMap<>();
        jdbc.sql("""
                select town_code, count(distinct r.id),
                       avg(case a when 1 then 1.0 when 2 then 0.8 when 3 then 0.5 else 0 end)
                from evaluation_survey_response r, unnest(r.answers) a
                where r.year = :y group by town_code""")
                .param("y", year).query(rs -> {
                    map.put(rs.getString(1), new Tally(rs.getInt(2), rs.getDouble(3)));
                });
        return map;
    }
}
