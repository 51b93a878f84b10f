package org.townbrain.evaluation;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.townbrain.region.Tier;

/**
 * Applies a funding policy to the towns' outcomes: base by type and tier (or the town's own),
 * triggered rewards, the town's extra, the caps, then pro-rata scaling to the pool when the
 * sum exceeds it. Scaling rounds down and hands the leftover yuan to the largest remainders,
 * so the allocation never exceeds the pool and every yuan is on some line. Pure.
 */
final class Allocator {

    private final FundingPolicy policy;
    private final List<RewardTrigger> triggers;
    private final Map<String, Long> bases = new HashMap<>();
    private final Map<String, FundingPolicy.TownPolicy> towns = new HashMap<>();
    private final Map<String, String> typeNames;

    Allocator(FundingPolicy policy, List<RewardTrigger> triggers, Map<String, String> typeNames) {
        this.policy = policy;
        this.triggers = List.copyOf(triggers);
        this.typeNames = typeNames;
        policy.bases().forEach(b -> bases.put(b.townType() + "/" + b.tier(), b.amount()));
        policy.towns().forEach(t -> towns.put(t.townCode(), t));
    }

    Allocation allocate(List<FundingOutcome> outcomes) {
        List<List<Allocation.Item>> lines = new ArrayList<>();
        long[] baseOf = new long[outcomes.size()];
        long[] rewardsOf = new long[outcomes.size()];
        long[] capped = new long[outcomes.size()];
        long sum = 0;
        for (int i = 0; i < outcomes.size(); i++) {
            FundingOutcome o = outcomes.get(i);
            List<Allocation.Item> items = new ArrayList<>();
            lines.add(items);
            if (!o.accepted()) {
                items.add(new Allocation.Item(Allocation.Kind.NOT_ACCEPTED, "评价结果尚未审核通过 / assessment not accepted yet", 0));
                continue;
            }
            FundingPolicy.TownPolicy own = towns.get(o.townCode());
            long base;
            if (own != null && own.base() != null) {
                base = own.base();
                items.add(new Allocation.Item(Allocation.Kind.BASE, "一镇一策基础 / own base: " + note(own), base));
            } else {
                base = bases.getOrDefault(o.townType() + "/" + o.tier(), 0L);
                items.add(new Allocation.Item(Allocation.Kind.BASE, "基础 / base: "
                        + typeNames.getOrDefault(o.townType(), String.valueOf(o.townType())) + " · " + tierName(o.tier()), base));
            }
            long rewards = 0;
            for (int r = 0; r < triggers.size(); r++) {
                if (triggers.get(r).fires(o)) {
                    FundingPolicy.Reward reward = policy.rewards().get(r);
                    rewards += reward.amount();
                    items.add(new Allocation.Item(Allocation.Kind.REWARD, "奖补 / reward: " + reward.name()
                            + " (" + reward.trigger() + ")", reward.amount()));
                }
            }
            if (own != null && own.extra() != 0) {
                rewards += own.extra();
                items.add(new Allocation.Item(Allocation.Kind.TOWN_POLICY, "一镇一策 / town policy: " + note(own), own.extra()));
            }
            long total = Math.max(0, base + rewards);
            if (base + rewards < 0) {
                items.add(new Allocation.Item(Allocation.Kind.TOWN_POLICY, "不低于零 / not below zero", -(base + rewards)));
            }
            Long cap = minCap(policy.townCap(), own == null ? null : own.cap());
            if (cap != null && total > cap) {
                items.add(new Allocation.Item(Allocation.Kind.CAP, "封顶 / capped at " + cap, cap - total));
                total = cap;
            }
            baseOf[i] = base;
            rewardsOf[i] = rewards;
            capped[i] = total;
            sum += total;
        }
        long[] finals = sum > policy.pool() ? scale(capped, sum, policy.pool()) : capped;
        List<Allocation.TownAllocation> result = new ArrayList<>();
        long allocated = 0;
        for (int i = 0; i < outcomes.size(); i++) {
            List<Allocation.Item> items = lines.get(i);
            if (finals[i] != capped[i]) {
                items.add(new Allocation.Item(Allocation.Kind.PRO_RATA, String.format(
                        "按资金池同比例缩减 / scaled to the pool: %d / %d", policy.pool(), sum), finals[i] - capped[i]));
            }
            allocated += finals[i];
            result.add(new Allocation.TownAllocation(outcomes.get(i).townCode(), baseOf[i], rewardsOf[i], finals[i], items));
        }
        return new Allocation(policy.year(), policy.pool(), allocated, result);
    }

    /** Largest-remainder scaling of the amounts so that they add up to exactly {@code pool}. */
    static long[] scale(long[] amounts, long sum, long pool) {
        long[] out = new long[amounts.length];
        long[] remainder = new long[amounts.length];
        long given = 0;
        BigInteger p = BigInteger.valueOf(pool);
        BigInteger s = BigInteger.valueOf(sum);
        for (int i = 0; i < amounts.length; i++) {
            BigInteger[] qr = BigInteger.valueOf(amounts[i]).multiply(p).divideAndRemainder(s);
            out[i] = qr[0].longValueExact();
            remainder[i] = qr[1].longValueExact();
            given += out[i];
        }
        long left = pool - given;
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < amounts.length; i++) {
            order.add(i);
        }
        order.sort(Comparator.<Integer>comparingLong(i -> remainder[i]).reversed().thenComparing(i -> i));
        for (int k = 0; k < left; k++) {
            out[order.get(k)]++;
        }
        return out;
    }

    private static Long minCap(Long a, Long b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : Math.min(a, b);
    }

    private static String note(FundingPolicy.TownPolicy own) {
        return own.note() == null || own.note().isBlank() ? own.townCode() : own.note();
    }

    private static String tierName(Tier tier) {
        return switch (tier) {
            case MODEL -> "样板 MODEL";
            case BASELINE -> "达标 BASELINE";
            case NONE -> "未达标 NONE";
        };
    }
}
