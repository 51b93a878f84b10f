package org.townbrain.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.townbrain.platform.errors.RejectedException;
import org.townbrain.region.Tier;

class AllocatorTest {

    static final Set<String> TYPES = Set.of("CULTURE_TOURISM", "AGRICULTURE");
    static final Set<String> TOWNS = Set.of("330182104", "330182107", "330182112", "330182113");

    static FundingOutcome outcome(String town, String type, Tier tier, double score, int rank) {
        return new FundingOutcome(town, type, true, tier, score, 90.0, rank, Set.of("GOV_CASE_ONTIME_RATE"), false, false);
    }

    static FundingPolicy policy(long pool, Long cap, List<FundingPolicy.Reward> rewards, List<FundingPolicy.TownPolicy> towns) {
        return new FundingPolicy(2025, pool, cap, true, List.of(
                new FundingPolicy.Base("CULTURE_TOURISM", Tier.MODEL, 3_000_000),
                new FundingPolicy.Base("CULTURE_TOURISM", Tier.BASELINE, 1_500_000),
                new FundingPolicy.Base("AGRICULTURE", Tier.MODEL, 2_500_000),
                new FundingPolicy.Base("AGRICULTURE", Tier.BASELINE, 1_000_000)), rewards, towns);
    }

    static Allocation allocate(FundingPolicy policy, List<FundingOutcome> outcomes) {
        List<RewardTrigger> triggers = policy.validate(Set.of("GOV_CASE_ONTIME_RATE"), TYPES, TOWNS);
        return new Allocator(policy, triggers, Map.of()).allocate(outcomes);
    }

    static void everyYuanExplained(Allocation allocation) {
        long sum = 0;
        for (Allocation.TownAllocation t : allocation.towns()) {
            assertThat(t.explanation().stream().mapToLong(Allocation.Item::amount).sum()).as(t.townCode()).isEqualTo(t.total());
            sum += t.total();
        }
        assertThat(sum).isEqualTo(allocation.allocated());
        assertThat(allocation.allocated()).isLessThanOrEqualTo(allocation.pool());
    }

    @Test
    void baseByTypeAndTierPlusTriggeredRewards() {
        FundingPolicy policy = policy(100_000_000, null, List.of(
                new FundingPolicy.Reward("M", "model award", "TIER=MODEL", 1_000_000),
                new FundingPolicy.Reward("T", "top two", "RANK<=2", 500_000),
                new FundingPolicy.Reward("G", "on time", "MET:GOV_CASE_ONTIME_RATE", 200_000)), List.of());
        Allocation a = allocate(policy, List.of(outcome("330182104", "CULTURE_TOURISM", Tier.MODEL, 105, 1),
                outcome("330182112", "AGRICULTURE", Tier.BASELINE, 95, 3), outcome("330182113", "AGRICULTURE", Tier.NONE, 70, 4)));
        assertThat(a.towns()).extracting(Allocation.TownAllocation::total).containsExactly(4_700_000L, 1_200_000L, 200_000L);
        assertThat(a.towns().get(0).base()).isEqualTo(3_000_000);
        assertThat(a.towns().get(0).rewards()).isEqualTo(1_700_000);
        assertThat(a.allocated()).isEqualTo(6_100_000);
        everyYuanExplained(a);
    }

    @Test
    void capsApplyPerTownAndTheTownsOwnCapWhenLower() {
        FundingPolicy policy = policy(100_000_000, 4_000_000L, List.of(
                new FundingPolicy.Reward("M", "model award", "TIER=MODEL", 2_000_000)),
                List.of(new FundingPolicy.TownPolicy("330182107", null, 0, 2_000_000L, "own cap")));
        Allocation a = allocate(policy, List.of(outcome("330182104", "CULTURE_TOURISM", Tier.MODEL, 105, 1),
                outcome("330182107", "AGRICULTURE", Tier.MODEL, 104, 2)));
        assertThat(a.towns()).extracting(Allocation.TownAllocation::total).containsExactly(4_000_000L, 2_000_000L);
        assertThat(a.towns().get(0).explanation()).extracting(Allocation.Item::kind).contains(Allocation.Kind.CAP);
        everyYuanExplained(a);
    }

    @Test
    void aTownsOwnPolicyReplacesTheBaseAndAddsItsExtra() {
        FundingPolicy policy = policy(100_000_000, null, List.of(),
                List.of(new FundingPolicy.TownPolicy("330182113", 800_000L, 150_000, null, "一镇一策")));
        Allocation a = allocate(policy, List.of(outcome("330182113", "AGRICULTURE", Tier.NONE, 70, 1)));
        assertThat(a.towns().get(0).total()).isEqualTo(950_000);
        assertThat(a.towns().get(0).explanation()).extracting(Allocation.Item::kind)
                .containsExactly(Allocation.Kind.BASE, Allocation.Kind.TOWN_POLICY);
        everyYuanExplained(a);
    }

    @Test
    void overTheBudgetEveryTownIsScaledProRataToExactlyThePool() {
        FundingPolicy policy = policy(7_000_001, null, List.of(), List.of());
        List<FundingOutcome> outcomes = new ArrayList<>();
        outcomes.add(outcome("330182104", "CULTURE_TOURISM", Tier.MODEL, 100, 1));
        outcomes.add(outcome("330182107", "AGRICULTURE", Tier.MODEL, 99, 2));
        outcomes.add(outcome("330182112", "AGRICULTURE", Tier.BASELINE, 98, 3));
        outcomes.add(outcome("330182113", "CULTURE_TOURISM", Tier.BASELINE, 97, 4));
        Allocation a = allocate(policy, outcomes);
        assertThat(a.allocated()).isEqualTo(7_000_001);
        assertThat(a.towns().get(0).total()).isBetween(2_625_000L, 2_625_001L);
        assertThat(a.towns()).allSatisfy(t -> assertThat(t.explanation()).extracting(Allocation.Item::kind)
                .contains(Allocation.Kind.PRO_RATA));
        everyYuanExplained(a);
    }

    @Test
    void largestRemainderScalingNeverExceedsThePool() {
        long[] scaled = Allocator.scale(new long[] {1, 1, 1}, 3, 2);
        assertThat(scaled[0] + scaled[1] + scaled[2]).isEqualTo(2);
        assertThat(Allocator.scale(new long[] {333, 333, 334}, 1000, 100)).containsExactly(33, 33, 34);
    }

    @Test
    void aTownWhoseAssessmentIsNotAcceptedGetsNothingAndIsToldWhy() {
        FundingPolicy policy = policy(100_000_000, null, List.of(), List.of());
        FundingOutcome pending = new FundingOutcome("330182104", "CULTURE_TOURISM", false, Tier.MODEL, 100, 90.0, 1,
                Set.of(), false, false);
        Allocation a = allocate(policy, List.of(pending));
        assertThat(a.towns().get(0).total()).isZero();
        assertThat(a.towns().get(0).explanation()).extracting(Allocation.Item::kind).containsExactly(Allocation.Kind.NOT_ACCEPTED);
    }

    @Test
    void overlappingRulesAreRefused() {
        FundingPolicy twice = policy(1, null, List.of(new FundingPolicy.Reward("A", "a", "SCORE>=90", 1),
                new FundingPolicy.Reward("B", "b", "score >= 95", 1)), List.of());
        assertThatThrownBy(() -> twice.validate(Set.of(), TYPES, TOWNS)).isInstanceOf(RejectedException.class)
                .hasMessageContaining("overlap");
        FundingPolicy twoBases = new FundingPolicy(2025, 1, null, true, List.of(
                new FundingPolicy.Base("AGRICULTURE", Tier.MODEL, 1), new FundingPolicy.Base("AGRICULTURE", Tier.MODEL, 2)),
                List.of(), List.of());
        assertThatThrownBy(() -> twoBases.validate(Set.of(), TYPES, TOWNS)).hasMessageContaining("two bases");
    }

    @Test
    void rulesReferringToUnknownResultsAreRefused() {
        for (String trigger : List.of("TIER=GOLD", "MET:NO_SUCH_INDICATOR", "VISITORS>=5", "RANK<=0", "SCORE>=abc")) {
            FundingPolicy bad = policy(1, null, List.of(new FundingPolicy.Reward("A", "a", trigger, 1)), List.of());
            assertThatThrownBy(() -> bad.validate(Set.of("GOV_CASE_ONTIME_RATE"), TYPES, TOWNS))
                    .as(trigger).isInstanceOf(RejectedException.class);
        }
        FundingPolicy unknownTown = policy(1, null, List.of(), List.of(new FundingPolicy.TownPolicy("330182999", null, 1, null, "")));
        assertThatThrownBy(() -> unknownTown.validate(Set.of(), TYPES, TOWNS)).hasMessageContaining("unknown town");
        FundingPolicy unknownType = new FundingPolicy(2025, 1, null, true,
                List.of(new FundingPolicy.Base("SPACEPORT", Tier.MODEL, 1)), List.of(), List.of());
        assertThatThrownBy(() -> unknownType.validate(Set.of(), TYPES, TOWNS)).hasMessageContaining("unknown town type");
    }
}
