package org.townbrain.evaluation;

import java.util.Objects;

/**
 * A value computed by an {@link IndicatorSource}, in the catalogue's unit.
 *
 * @param value the number (percentages as 0–100, yes/no as 1/0)
 * @param source where it came from, shown to reviewers, e.g. "cases: 22345 closed on time / 24932 due"
 */
public record ComputedValue(double value, String source) {

    public ComputedValue {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("A computed value must be a finite number");
        }
        Objects.requireNonNull(source, "source");
    }
}
