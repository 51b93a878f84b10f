package org.townbrain.projects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.EnableScenarios;
import org.springframework.modulith.test.Scenario;
import org.springframework.test.web.servlet.MockMvc;
import org.townbrain.cases.CaseClosed;
import org.townbrain.cases.CaseRequested;
import org.townbrain.support.IntegrationTest;
import tools.jackson.databind.ObjectMapper;

/**
 * projects → cases → projects: a check's finding is requested as a construction-quality case, and
 * the case's {@link CaseClosed} as fixed marks the finding rectified (closed for another reason, it
 * stays open).
 */
@IntegrationTest
@EnableScenarios
class FindingRectificationScenarioTests {

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired ObjectMapper json;

    @Test
    void aFindingIsRequestedAsACaseAndItsFixedCaseRectifiesIt(Scenario scenario) throws Exception {
        long[] finding = new long[1];
        scenario.stimulate(() -> finding[0] = check("场景：临边防护缺失"))
                .andWaitAtMost(Duration.ofSeconds(30))
                .andWaitForEventOfType(CaseRequested.class)
                .matching(e -> e.externalRef() != null && e.externalRef().equals(FindingRectification.REF_PREFIX + finding[0]))
                .toArriveAndVerify(e -> assertThat(e.reason()).isEqualTo(CaseRequested.Reason.CONSTRUCTION_QUALITY));

        scenario.publish(closed(finding[0], "FIXED"))
                .andWaitAtMost(Duration.ofSeconds(30))
                .andWaitForStateChange(() -> rectified(finding[0]), Boolean.TRUE::equals)
                .andVerify(r -> assertThat(r).isTrue());
    }

    @Test
    void aCaseClosedForAnotherReasonLeavesTheFindingOpen(Scenario scenario) throws Exception {
        long finding = check("场景：围挡破损");
        long other = check("场景：对照");
        scenario.stimulate((org.springframework.transaction.support.TransactionOperations tx,
                        org.springframework.context.ApplicationEventPublisher events) -> {
                    tx.executeWithoutResult(status -> {
                        events.publishEvent(closed(finding, "NOT_FOUND"));
                        events.publishEvent(closed(other, "FIXED"));
                    });
                })
                .andWaitAtMost(Duration.ofSeconds(30))
                .andWaitForStateChange(() -> rectified(other), Boolean.TRUE::equals)
                .andVerify(r -> assertThat(rectified(finding)).as("closed as not found: still open").isFalse());
    }

    private long check(String description) {
        try {
            return checkOrThrow(description);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private long checkOrThrow(String description) throws Exception {
        String body = mvc.perform(post("/api/projects/checks").with(httpBasic("inspector", "demo"))
                        .contentType(MediaType.APPLICATION_JSON).accept(MediaType.APPLICATION_JSON).content("""
                {"kind":"SAFETY","title":"场景检查","townCode":"330182109","checkedOn":"2023-06-02","inspectors":"督查员",
                 "findings":[{"description":"%s"}]}""".formatted(description)))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return json.readTree(body).get("findingIds").get(0).asLong();
    }

    private Boolean rectified(long finding) {
        return jdbc.sql("select rectified from projects_finding where id = :id").param("id", finding).query(Boolean.class).single();
    }

    private static CaseClosed closed(long finding, String reason) {
        return new CaseClosed(-finding, "0000-0000000", "330182109", "E0603", "PROJECT_QUALITY_CHECK", reason, true,
                Instant.now(), FindingRectification.REF_PREFIX + finding);
    }
}
