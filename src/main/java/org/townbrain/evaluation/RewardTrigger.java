package org.townbrain.evaluation;

import java.util.Locale;
import java.util.Set;
import org.townbrain.region.Tier;

/**
 * The result or milestone that triggers a reward rule, written as data:
 * {@code TIER=MODEL}, {@code SCORE>=95}, {@code SATISFACTION>=90}, {@code RANK<=3},
 * {@code MET:GOV_CASE_ONTIME_RATE} (an indicator met), {@code UPGRADED} (a better tier than the
 * year before), {@code SIGNATURE_COMPLETE} (every 十个一 facility in place).
 */
sealed interface RewardTrigger {

    boolean fires(FundingOutcome outcome);

    /** Two triggers overlap when one result would be rewarded twice by them. */
    default String overlapKey() {
        return getClass().getSimpleName();
    }

    record TierIs(Tier tier) implements RewardTrigger {
        public boolean fires(FundingOutcome o) {
            return o.tier() == tier;
        }

        public String overlapKey() {
            return "TIER=" + tier;
        }
    }

    record ScoreAtLeast(double min) implements RewardTrigger {
        public boolean fires(FundingOutcome o) {
            return o.score() >= min;
        }
    }

    record SatisfactionAtLeast(double min) implements RewardTrigger {
        public boolean fires(FundingOutcome o) {
            return o.satisfaction() != null && o.satisfaction() >= min;
        }
    }

    record RankAtMost(int rank) implements RewardTrigger {
        public boolean fires(FundingOutcome o) {
            return o.rank() > 0 && o.rank() <= rank;
        }
    }

    record IndicatorMet(String code) implements RewardTrigger {
        public boolean fires(FundingOutcome o) {
            return o.metIndicators().contains(code);
        }

        public String overlapKey() {
            return "MET:" + code;
        }
    }

    record Upgraded() implements RewardTrigger {
        public boolean fires(FundingOutcome o) {
            return o.upgraded();
        }
    }

    record SignatureComplete() implements RewardTrigger {
        public boolean fires(FundingOutcome o) {
            return o.signatureComplete();
        }
    }

    /**
     * Parses a trigger, checking indicator codes against the year's catalogue.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    static RewardTrigger parse(String text, Set<String> indicatorCodes) {
        String t = text == null ? "" : text.strip().toUpperCase(Locale.ROOT).replace(" ", "");
        try {
            if (t.startsWith("TIER=")) {
                String tier = t.substring(5);
                if (!Set.of("MODEL", "BASELINE").contains(tier)) {
                    throw new IllegalArgumentException("unknown result \"" + text + "\": TIER=MODEL or TIER=BASELINE");
                }
                return new TierIs(Tier.valueOf(tier));
            }
            if (t.startsWith("SCORE>=")) {
                return new ScoreAtLeast(Double.parseDouble(t.substring(7)));
            }
            if (t.startsWith("SATISFACTION>=")) {
                return new SatisfactionAtLeast(Double.parseDouble(t.substring(14)));
            }
            if (t.startsWith("RANK<=")) {
                int rank = Integer.parseInt(t.substring(6));
                if (rank < 1) {
                    throw new IllegalArgumentException("RANK<= needs a rank of 1 or more");
                }
                return new RankAtMost(rank);
            }
            if (t.startsWith("MET:")) {
                String code = t.substring(4);
                if (!indicatorCodes.contains(code)) {
                    throw new IllegalArgumentException("reward \"" + text + "\" refers to indicator " + code
                            + ", which is not in the year's catalogue");
                }
                return new IndicatorMet(code);
            }
            if (t.equals("UPGRADED")) {
                return new Upgraded();
            }
            if (t.equals("SIGNATURE_COMPLETE")) {
                return new SignatureComplete();
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("reward trigger \"" + text + "\" has a number that is not a number");
        }
        throw new IllegalArgumentException("unknown result \"" + text
                + "\" (TIER=…, SCORE>=…, SATISFACTION>=…, RANK<=…, MET:<indicator>, UPGRADED, SIGNATURE_COMPLETE)");
    }
}
