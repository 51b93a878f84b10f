package org.townbrain.evaluation;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.townbrain.platform.errors.RejectedException;
import org.townbrain.region.Tier;

/**
 * A year's funding policy (基础+奖补): a base amount per town type and tier, reward rules
 * triggered by results and milestones, per-town policies (一镇一策), a per-town cap and the
 * budget pool. Amounts are whole yuan.
 */
record FundingPolicy(int year, long pool, Long townCap, boolean assumed, List<Base> bases, List<Reward> rewards,
        List<TownPolicy> towns) {

    record Base(String townType, Tier tier, long amount) {
    }

    record Reward(String code, String name, String trigger, long amount) {
    }

    /**
     * 一镇一策: a town's own arrangement.
     *
     * @param base replaces the type-and-tier base when set
     * @param extra added on top (may be negative)
     * @param cap the town's own cap, when lower than the policy's
     */
    record TownPolicy(String townCode, Long base, long extra, Long cap, String note) {
    }

    FundingPolicy {
        bases = List.copyOf(bases);
        rewards = List.copyOf(rewards);
        towns = List.copyOf(towns);
    }

    /**
     * Checks the policy against the year's catalogue and the county's towns and types; returns the
     * parsed triggers in rule order.
     *
     * @throws RejectedException naming the first problem; nothing is saved
     */
    List<RewardTrigger> validate(Set<String> indicatorCodes, Set<String> townTypes, Set<String> townCodes) {
        if (pool < 0) {
            throw new RejectedException("pool", "资金池不能为负 / the pool must not be negative");
        }
        if (townCap != null && townCap < 0) {
            throw new RejectedException("townCap", "封顶不能为负 / the cap must not be negative");
        }
        Set<String> seen = new HashSet<>();
        for (Base base : bases) {
            if (base.townType() == null || !townTypes.contains(base.townType())) {
                throw new RejectedException("bases", "未知的创建类型 / unknown town type: " + base.townType());
            }
            if (base.tier() == null) {
                throw new RejectedException("bases", "基础资金需要等级 / a base needs a tier");
            }
            if (base.amount() < 0) {
                throw new RejectedException("bases", "金额不能为负 / amounts must not be negative");
            }
            if (!seen.add(base.townType() + "/" + base.tier())) {
                throw new RejectedException("bases", "基础资金规则重叠 / two bases for " + base.townType() + " " + base.tier());
            }
        }
        List<RewardTrigger> triggers = new java.util.ArrayList<>();
        Set<String> codes = new HashSet<>();
        Set<String> keys = new HashSet<>();
        for (Reward reward : rewards) {
            if (reward.code() == null || reward.code().isBlank() || !codes.add(reward.code())) {
                throw new RejectedException("rewards", "奖补规则编码缺失或重复 / reward codes must be present and unique: " + reward.code());
            }
            if (reward.amount() < 0) {
                throw new RejectedException("rewards", "金额不能为负 / amounts must not be negative");
            }
            RewardTrigger trigger;
            try {
                trigger = RewardTrigger.parse(reward.trigger(), indicatorCodes);
            } catch (IllegalArgumentException e) {
                throw new RejectedException("rewards", "奖补规则 " + reward.code() + " 无效 / invalid: " + e.getMessage());
            }
            if (!keys.add(trigger.overlapKey())) {
                throw new RejectedException("rewards", "奖补规则重叠 / rules overlap: " + reward.code()
                        + " rewards the same result as an earlier rule (" + trigger.overlapKey() + ")");
            }
            triggers.add(trigger);
        }
        Set<String> overridden = new HashSet<>();
        for (TownPolicy town : towns) {
            if (!townCodes.contains(town.townCode())) {
                throw new RejectedException("towns", "未知镇街 / unknown town: " + town.townCode());
            }
            if (!overridden.add(town.townCode())) {
                throw new RejectedException("towns", "一镇一策重复 / two policies for town " + town.townCode());
            }
            if ((town.base() != null && town.base() < 0) || (town.cap() != null && town.cap() < 0)) {
                throw new RejectedException("towns", "金额不能为负 / amounts must not be negative");
            }
        }
        return triggers;
    }
}
