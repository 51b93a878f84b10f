package org.townbrain.evaluation;

import java.util.Objects;
import java.util.Set;

/**
 * One indicator of a year's catalogue.
 *
 * @param category common (mandatory, scored out of 100) or type-specific (bonus points)
 * @param townTypes the town types a type-specific indicator applies to (empty for common ones)
 * @param unit the unit values are entered in ("%", "个", "万元", "是/否")
 * @param target the value that counts as met
 * @param weight points at full share
 * @param hard whether a town must meet it to reach any tier
 * @param signature whether it is one of the 十个一 signature facilities
 * @param evidence what a town must upload to support its value
 */
record Indicator(String code, int sort, String name, Dimension dimension, Category category, Set<String> townTypes,
        String unit, Kind kind, Direction direction, double target, ScoringRule rule, double weight, boolean hard,
        boolean signature, String evidence, boolean assumed) {

    enum Category { COMMON, TYPE_SPECIFIC }

    /** What values look like: any number, a percentage (0–100), or yes/no (1/0). */
    enum Kind { NUMBER, PERCENT, BOOLEAN }

    enum Direction { HIGHER, LOWER }

    Indicator {
        Objects.requireNonNull(code);
        townTypes = Set.copyOf(townTypes);
        if (!code.matches("[A-Z][A-Z0-9_]{1,39}")) {
            throw new IllegalArgumentException("indicator code \"" + code + "\" must be 2–40 capital letters, digits or _");
        }
        if (weight < 0 || !Double.isFinite(weight)) {
            throw new IllegalArgumentException("indicator " + code + ": weight must be 0 or more");
        }
        if (category == Category.TYPE_SPECIFIC && townTypes.isEmpty()) {
            throw new IllegalArgumentException("indicator " + code + ": a type-specific indicator needs town types");
        }
        if (category == Category.COMMON && !townTypes.isEmpty()) {
            throw new IllegalArgumentException("indicator " + code + ": a common indicator applies to every type");
        }
        if (hard && category != Category.COMMON) {
            throw new IllegalArgumentException("indicator " + code + ": only common indicators can be hard requirements");
        }
        if (kind == Kind.PERCENT && (target < 0 || target > 100)) {
            throw new IllegalArgumentException("indicator " + code + ": a percentage target must be 0–100");
        }
        if (dimension == Dimension.SATISFACTION) {
            throw new IllegalArgumentException("indicator " + code + ": satisfaction comes from the survey, not an indicator");
        }
    }

    boolean higherIsBetter() {
        return direction == Direction.HIGHER;
    }

    /** A town without a type (not yet classified) gets the common indicators only. */
    boolean appliesTo(String townType) {
        return category == Category.COMMON || (townType != null && townTypes.contains(townType));
    }

    boolean met(double value) {
        return ScoringRule.meets(value, target, higherIsBetter());
    }

    double points(double value) {
        return weight * rule.share(value, target, higherIsBetter());
    }

    /**
     * Checks a value against the indicator's kind and unit.
     *
     * @param givenUnit the unit the caller says the value is in, or {@code null}
     * @return the message for the user when the value is refused, else {@code null}
     */
    String refusal(double value, String givenUnit) {
        if (givenUnit != null && !givenUnit.isBlank() && !givenUnit.strip().equals(unit)) {
            return code + ": 单位应为 " + unit + " / unit must be " + unit + " (not " + givenUnit.strip() + ")";
        }
        if (!Double.isFinite(value)) {
            return code + ": 不是数字 / not a number";
        }
        return switch (kind) {
            case PERCENT -> value < 0 || value > 100 ? code + ": 百分比应在 0–100 之间 / a percentage must be 0–100" : null;
            case BOOLEAN -> value != 0 && value != 1 ? code + ": 应为 是(1) 或 否(0) / must be yes (1) or no (0)" : null;
            case NUMBER -> value < 0 ? code + ": 不能为负数 / must not be negative" : null;
        };
    }
}
