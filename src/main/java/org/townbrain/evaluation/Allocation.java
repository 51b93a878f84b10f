package org.townbrain.evaluation;

import java.util.List;

/**
 * The year's funding allocation: every town's amount with the lines that explain it, so that
 * the lines of a town always add up to its total and the totals never exceed the pool.
 */
record Allocation(int year, long pool, long allocated, List<TownAllocation> towns) {

    Allocation {
        towns = List.copyOf(towns);
    }

    /**
     * @param base the base amount before caps and scaling
     * @param rewards rewards and per-town extras before caps and scaling
     */
    record TownAllocation(String townCode, long base, long rewards, long total, List<Item> explanation) {
        TownAllocation {
            explanation = List.copyOf(explanation);
        }
    }

    /** One line of a town's explanation. */
    record Item(Kind kind, String item, long amount) {
    }

    enum Kind { BASE, REWARD, TOWN_POLICY, CAP, PRO_RATA, NOT_ACCEPTED }
}
