package org.townbrain.cases;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The handling indicators of 数字化城市管理 as percentages with two decimals (half up):
 * 结案率 = closed / due-to-close, 按期结案率 = closed on time / due-to-close, 处置率 = handled /
 * due-to-handle, 返工率 = rework / due-to-close, where due-to-close = closed + open past deadline.
 * Undefined (null) when nothing was due.
 */
final class CaseRates {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private CaseRates() {
    }

    static BigDecimal percent(long numerator, long denominator) {
        if (denominator <= 0) {
            return null;
        }
        if (numerator < 0) {
            throw new IllegalArgumentException("A count is never negative");
        }
        return BigDecimal.valueOf(numerator).multiply(HUNDRED).divide(BigDecimal.valueOf(denominator), 2, RoundingMode.HALF_UP);
    }
}
