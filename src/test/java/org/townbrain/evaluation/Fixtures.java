package org.townbrain.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Small catalogues built through the public constructors, for the unit tests. */
final class Fixtures {

    private Fixtures() {
    }

    static Indicator common(String code, Dimension dim, Indicator.Kind kind, String unit, double target, String rule,
            double weight, boolean hard) {
        return new Indicator(code, 1, code, dim, Indicator.Category.COMMON, Set.of(), unit, kind,
                target == 0 ? Indicator.Direction.LOWER : Indicator.Direction.HIGHER, target, ScoringRule.parse(rule),
                weight, hard, false, "", true);
    }

    static Indicator bonus(String code, String type, double weight) {
        return new Indicator(code, 1, code, Dimension.INDUSTRY, Indicator.Category.TYPE_SPECIFIC, Set.of(type), "个",
                Indicator.Kind.NUMBER, Indicator.Direction.HIGHER, 10, ScoringRule.parse("LINEAR 0 10"), weight, false,
                false, "", true);
    }

    /**
     * Ten common indicators worth 10 points each (C0 hard, yes/no; C1–C9 percent, target 100,
     * LINEAR 50 100) and two bonus indicators for CULTURE_TOURISM worth 8 each, bonus capped at 10.
     */
    static Catalogue catalogue() {
        List<Indicator> list = new ArrayList<>();
        list.add(common("C0", Dimension.GOVERNANCE, Indicator.Kind.BOOLEAN, "是/否", 1, "PASS_FAIL", 10, true));
        for (int i = 1; i <= 9; i++) {
            list.add(common("C" + i, Dimension.values()[i % 6], Indicator.Kind.PERCENT, "%", 100, "LINEAR 50 100", 10, false));
        }
        list.add(bonus("B1", "CULTURE_TOURISM", 8));
        list.add(bonus("B2", "CULTURE_TOURISM", 8));
        list.add(bonus("X1", "INDUSTRY", 8));
        return new Catalogue(2025, "test", 10, PassLines.ASSUMED_DEFAULTS, 1, true, list, List.of("q"));
    }
}
