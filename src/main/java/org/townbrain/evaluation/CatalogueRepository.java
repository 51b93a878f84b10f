package org.townbrain.evaluation;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Catalogues, their indicators and survey questions. */
@Repository
class CatalogueRepository {

    private final JdbcClient jdbc;

    CatalogueRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Integer> years() {
        return jdbc.sql("select year from evaluation_catalogue order by year").query(Integer.class).list();
    }

    Optional<Catalogue> find(int year) {
        record Head(String title, double bonusCap, PassLines pass, int minResponses, boolean assumed) {
        }
        Optional<Head> head = jdbc.sql("""
                select title, bonus_cap, baseline_common_min, model_total_min, model_satisfaction_min,
                       survey_min_responses, assumed from evaluation_catalogue where year = :y""").param("y", year)
                .query((rs, n) -> new Head(rs.getString(1), rs.getDouble(2),
                        new PassLines(rs.getDouble(3), rs.getDouble(4), rs.getDouble(5)), rs.getInt(6), rs.getBoolean(7)))
                .optional();
        if (head.isEmpty()) {
            return Optional.empty();
        }
        List<Indicator> indicators = jdbc.sql("""
                select code, sort, name, dimension, category, town_types, unit, kind, direction, target, rule, weight,
                       hard, signature, evidence, assumed from evaluation_indicator where year = :y order by sort, code""")
                .param("y", year).query((rs, n) -> indicator(rs)).list();
        List<String> questions = jdbc.sql("select text from evaluation_survey_question where year = :y order by no")
                .param("y", year).query(String.class).list();
        Head h = head.get();
        return Optional.of(new Catalogue(year, h.title(), h.bonusCap(), h.pass(), h.minResponses(), h.assumed(),
                indicators, questions));
    }

    /** Replaces the year's catalogue (indicators and questions) with this one. */
    void save(Catalogue c) {
        jdbc.sql("""
                insert into evaluation_catalogue (year, title, bonus_cap, baseline_common_min, model_total_min,
                    model_satisfaction_min, survey_min_responses, assumed)
                values (:y, :t, :b, :p1, :p2, :p3, :m, :a)
                on conflict (year) do update set title = excluded.title, bonus_cap = excluded.bonus_cap,
                    baseline_common_min = excluded.baseline_common_min, model_total_min = excluded.model_total_min,
                    model_satisfaction_min = excluded.model_satisfaction_min,
                    survey_min_responses = excluded.survey_min_responses, assumed = excluded.assumed,
                    version = evaluation_catalogue.version + 1""")
                .param("y", c.year()).param("t", c.title()).param("b", c.bonusCap())
                .param("p1", c.passLines().baselineCommonMin()).param("p2", c.passLines().modelTotalMin())
                .param("p3", c.passLines().modelSatisfactionMin()).param("m", c.surveyMinResponses())
                .param("a", c.assumed()).update();
        jdbc.sql("delete from evaluation_indicator where year = :y").param("y", c.year()).update();
        jdbc.sql("delete from evaluation_survey_question where year = :y").param("y", c.year()).update();
        for (Indicator i : c.indicators()) {
            jdbc.sql("""
                    insert into evaluation_indicator (year, code, sort, name, dimension, category, town_types, unit, kind,
                        direction, target, rule, weight, hard, signature, evidence, assumed)
                    values (:y, :code, :sort, :name, :dim, :cat, string_to_array(:types, ','), :unit, :kind, :dir, :target,
                        :rule, :weight, :hard, :sig, :ev, :a)""")
                    .param("y", c.year()).param("code", i.code()).param("sort", i.sort()).param("name", i.name())
                    .param("dim", i.dimension().name()).param("cat", i.category().name())
                    .param("types", String.join(",", i.townTypes().stream().sorted().toList()))
                    .param("unit", i.unit()).param("kind", i.kind().name()).param("dir", i.direction().name())
                    .param("target", i.target()).param("rule", i.rule().text()).param("weight", i.weight())
                    .param("hard", i.hard()).param("sig", i.signature()).param("ev", i.evidence()).param("a", i.assumed())
                    .update();
        }
        for (int n = 0; n < c.questions().size(); n++) {
            jdbc.sql("insert into evaluation_survey_question (year, no, text) values (:y, :n, :t)")
                    .param("y", c.year()).param("n", n + 1).param("t", c.questions().get(n)).update();
        }
    }

    private static Indicator indicator(ResultSet rs) throws SQLException {
        Array types = rs.getArray("town_types");
        String[] typeCodes = types == null ? new String[0] : (String[]) types.getArray();
        return new Indicator(rs.getString("code"), rs.getInt("sort"), rs.getString("name"),
                Dimension.valueOf(rs.getString("dimension")), Indicator.Category.valueOf(rs.getString("category")),
                Set.copyOf(Arrays.asList(typeCodes)), rs.getString("unit"), Indicator.Kind.valueOf(rs.getString("kind")),
                Indicator.Direction.valueOf(rs.getString("direction")), rs.getDouble("target"),
                ScoringRule.parse(rs.getString("rule")), rs.getDouble("weight"), rs.getBoolean("hard"),
                rs.getBoolean("signature"), rs.getString("evidence"), rs.getBoolean("assumed"));
    }
}
