package org.townbrain.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.EnableScenarios;
import org.springframework.modulith.test.Scenario;
import org.townbrain.support.IntegrationTest;

/**
 * The cross-module language into the cases module: another module publishes {@link CaseRequested}
 * with a typed reason, and the cases module opens a case of its own catalogue's 小类 for it. The
 * expected 小类 are read off the catalogue migration (V20261127030002), not off the mapping.
 */
@IntegrationTest
@EnableScenarios
class CaseRequestScenarioTests {

    @Autowired JdbcClient jdbc;

    @ParameterizedTest
    @CsvSource({"SEWER_OVERFLOW,E0406", "WATERLOGGING,E0405", "FIRE_HYDRANT,C0112", "CONSTRUCTION_QUALITY,E0603",
            "ENTERPRISE_NEED,E0604", "OPEN_BURNING,E0108", "EXPOSED_WASTE,E0102", "OTHER,E9901"})
    void eachReasonOpensACaseOfItsCategory(CaseRequested.Reason reason, String category, Scenario scenario) {
        String ref = "scenario-" + UUID.randomUUID();
        scenario.publish(new CaseRequested("SENSOR_ALARM", "330182109", reason, "场景测试", 119.22, 29.38, ref))
                .andWaitAtMost(Duration.ofSeconds(30))
                .andWaitForStateChange(() -> jdbc.sql("select category_code from cases_case where external_ref = :r")
                        .param("r", ref).query(String.class).optional().orElse(null))
                .andVerify(code -> assertThat(code).isEqualTo(category));
    }

    @org.junit.jupiter.api.Test
    void aRequestWithoutAReasonIsOther(Scenario scenario) {
        String ref = "scenario-" + UUID.randomUUID();
        scenario.publish(new CaseRequested("SENSOR_ALARM", "330182109", null, "场景测试：无原因", null, null, ref))
                .andWaitAtMost(Duration.ofSeconds(30))
                .andWaitForStateChange(() -> jdbc.sql("select category_code from cases_case where external_ref = :r")
                        .param("r", ref).query(String.class).optional().orElse(null))
                .andVerify(code -> assertThat(code).isEqualTo("E9901"));
    }
}
