package org.townbrain.evaluation;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.ObjectMapper;

/** Funding policies per year, the rules kept as one JSON document. */
@Repository
class FundingRepository {

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    FundingRepository(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    Optional<FundingPolicy> find(int year) {
        return jdbc.sql("select policy from evaluation_funding_policy where year = :y").param("y", year)
                .query(String.class).optional().map(text -> json.readValue(text, FundingPolicy.class));
    }

    void save(FundingPolicy policy) {
        jdbc.sql("""
                insert into evaluation_funding_policy (year, pool, town_cap, assumed, policy)
                values (:y, :p, :c, :a, cast(:j as jsonb))
                on conflict (year) do update set pool = excluded.pool, town_cap = excluded.town_cap,
                    assumed = excluded.assumed, policy = excluded.policy, version = evaluation_funding_policy.version + 1""")
                .param("y", policy.year()).param("p", policy.pool()).param("c", policy.townCap())
                .param("a", policy.assumed()).param("j", json.writeValueAsString(policy)).update();
    }
}
