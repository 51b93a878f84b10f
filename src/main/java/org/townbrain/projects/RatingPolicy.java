package org.townbrain.projects;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The county's assessment rules as data: each inspection scores a firm 0–100 on quality,
 * progress and civilised construction; its inspection score is the weighted mean, and its
 * rating the mean of its inspection scores in the rolling window. Firms rated below the
 * threshold are on the watch list.
 */
record RatingPolicy(Map<Criterion, BigDecimal> weights, BigDecimal watchThreshold) {

    /** One inspection's scores, 0–100 each. */
    record Scores(BigDecimal quality, BigDecimal progress, BigDecimal civilised) {
        Scores {
            for (BigDecimal s : List.of(quality, progress, civilised)) {
                if (s == null || s.signum() < 0 || s.compareTo(BigDecimal.valueOf(100)) > 0) {
                    throw new IllegalArgumentException("A score is between 0 and 100");
                }
            }
        }

        BigDecimal of(Criterion criterion) {
            return switch (criterion) {
                case QUALITY -> quality;
                case PROGRESS -> progress;
                case CIVILISED_CONSTRUCTION -> civilised;
            };
        }
    }

    RatingPolicy {
        weights = new EnumMap<>(weights);
        for (Criterion c : Criterion.values()) {
            BigDecimal w = weights.get(c);
            if (w == null || w.signum() < 0) {
                throw new IllegalArgumentException("Every criterion needs a weight of at least 0: " + c);
            }
        }
        if (weights.values().stream().allMatch(w -> w.signum() == 0)) {
            throw new IllegalArgumentException("At least one weight must be positive");
        }
    }

    /** The weighted score of one inspection, 0–100, two decimals. */
    BigDecimal score(Scores scores) {
        BigDecimal sum = BigDecimal.ZERO;
        BigDecimal total = BigDecimal.ZERO;
        for (Criterion c : Criterion.values()) {
            sum = sum.add(weights.get(c).multiply(scores.of(c)));
            total = total.add(weights.get(c));
        }
        return sum.divide(total, 2, RoundingMode.HALF_UP);
    }

    /** The rating over a window of inspections: their mean weighted score, empty with no inspections. */
    OptionalDouble rating(List<Scores> inspections) {
        return inspections.stream().mapToDouble(s -> score(s).doubleValue()).average();
    }

    boolean watched(double rating) {
        return BigDecimal.valueOf(rating).compareTo(watchThreshold) < 0;
    }
}
