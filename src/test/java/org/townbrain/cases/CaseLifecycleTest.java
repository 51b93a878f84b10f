package org.townbrain.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.townbrain.access.Role;
import org.townbrain.platform.errors.ConflictException;
import org.townbrain.platform.errors.RejectedException;

class CaseLifecycleTest {

    private final Instant t0 = Instant.parse("2026-11-24T01:00:00Z");

    private Case reported() {
        return Case.report("GRID_PATROL", "E0102", "330182104", null, 119.47, 29.55, null, "路边暴露垃圾", "grid.meicheng", t0);
    }

    private Case dispatched() {
        Case kase = reported();
        kase.accept(t0, null);
        kase.dispatch("镇街环卫站", t0, t0.plus(Duration.ofHours(4)), null);
        return kase;
    }

    @Test
    void goesFromReportToCloseWithAnHonestReason() {
        Case kase = dispatched();
        kase.start(null);
        kase.reportBack(t0.plus(Duration.ofHours(2)), "已清运");
        kase.pass(ClosingReason.FIXED, t0.plus(Duration.ofHours(3)), null);
        assertThat(kase.state).isEqualTo(CaseState.CLOSED);
        assertThat(kase.closedOnTime).isTrue();
        assertThat(kase.happened()).extracting(Case.Happened::type)
                .containsExactly("REPORTED", "ACCEPTED", "DISPATCHED", "STARTED", "REPORTED_BACK", "CLOSED");
    }

    @Test
    void closingAfterTheDeadlineIsNotOnTime() {
        Case kase = dispatched();
        kase.reportBack(t0.plus(Duration.ofHours(5)), "已清运");
        kase.pass(ClosingReason.PARTLY_FIXED, t0.plus(Duration.ofHours(6)), "余量纳入计划");
        assertThat(kase.closedOnTime).isFalse();
    }

    @Test
    void failedVerificationSendsItBackToTheSameUnitAsRework() {
        Case kase = dispatched();
        kase.reportBack(t0, "已清运");
        kase.fail("现场仍有垃圾");
        assertThat(kase.state).isEqualTo(CaseState.IN_PROGRESS);
        assertThat(kase.unit).isEqualTo("镇街环卫站");
        assertThat(kase.reworkCount).isEqualTo(1);
    }

    @Test
    void refusesTransitionsTheStateDoesNotAllow() {
        Case kase = reported();
        assertThatThrownBy(() -> kase.pass(ClosingReason.FIXED, t0, null)).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> kase.dispatch("单位", t0, t0, null)).isInstanceOf(ConflictException.class);
    }

    @Test
    void voidingAndReturningNeedAReason() {
        assertThatThrownBy(() -> reported().voidReport(" ")).isInstanceOf(RejectedException.class);
        assertThatThrownBy(() -> dispatched().returnToDispatcher(null)).isInstanceOf(RejectedException.class);
    }

    @Test
    void returnedCasesAreRedispatchedWithAFreshClock() {
        Case kase = dispatched();
        kase.returnToDispatcher("不属于本单位职责");
        kase.dispatch("市城市管理局", t0.plus(Duration.ofDays(1)), t0.plus(Duration.ofDays(2)), null);
        assertThat(kase.state).isEqualTo(CaseState.DISPATCHED);
        assertThat(kase.deadline).isEqualTo(t0.plus(Duration.ofDays(2)));
        assertThat(kase.happened()).extracting(Case.Happened::type).contains("RETURNED", "REDISPATCHED");
    }

    @Test
    void extensionNeedsApprovalAndOnlyOneIsPending() {
        Case kase = dispatched();
        kase.requestExtension(2, "需采购配件");
        assertThatThrownBy(() -> kase.requestExtension(1, "again")).isInstanceOf(ConflictException.class);
        kase.approveExtension(t0.plus(Duration.ofDays(3)), null);
        assertThat(kase.deadline).isEqualTo(t0.plus(Duration.ofDays(3)));
        assertThat(kase.pendingExtension).isNull();
        assertThatThrownBy(() -> kase.rejectExtension("no")).isInstanceOf(ConflictException.class);
    }

    @Test
    void parkedCasesLeaveTheClockAndComeBackForDispatch() {
        Case kase = dispatched();
        kase.park("需纳入年度改造计划");
        assertThat(kase.deadline).isNull();
        assertThat(kase.overdueAt(t0.plus(Duration.ofDays(30)))).isFalse();
        kase.resume(null);
        assertThat(kase.state).isEqualTo(CaseState.ACCEPTED);
    }

    @Test
    void reporterMayReopenOnlyWithinTheWindow() {
        Case kase = dispatched();
        kase.reportBack(t0, "已清运");
        kase.pass(ClosingReason.NOT_FOUND, t0, null);
        assertThatThrownBy(() -> kase.reopen(t0.plus(Duration.ofDays(8)), Duration.ofDays(7), "还在"))
                .isInstanceOf(ConflictException.class);
        kase.reopen(t0.plus(Duration.ofDays(1)), Duration.ofDays(7), "垃圾还在");
        assertThat(kase.state).isEqualTo(CaseState.ACCEPTED);
        assertThat(kase.closingReason).isNull();
    }

    @Test
    void rolesSeeOnlyTheirActions() {
        assertThat(CaseAction.VERIFY_PASS.allowedFor(Role.INSPECTOR)).isTrue();
        // a grid worker verifies on site, in his own grids only (CaseHandling.may; UnitGridsTest)
        assertThat(CaseAction.VERIFY_PASS.allowedFor(Role.GRID_WORKER)).isTrue();
        assertThat(CaseAction.VERIFY_PASS.allowedFor(Role.TOWN_STAFF)).isFalse();
        assertThat(CaseAction.REPORT_BACK.allowedFor(Role.GRID_WORKER)).isTrue();
        assertThat(CaseAction.ofSlug("report-back")).isEqualTo(CaseAction.REPORT_BACK);
    }

    @Test
    void findsNearbyDuplicatesByDistance() {
        assertThat(CaseQueries.metres(119.47, 29.55, 119.4704, 29.5503)).isBetween(40.0, 55.0);
    }
}
