package org.townbrain.evaluation;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A year's indicator system: the indicators, the bonus cap for type-specific points, the pass
 * lines and the satisfaction questionnaire.
 */
record Catalogue(int year, String title, double bonusCap, PassLines passLines, int surveyMinResponses,
        boolean assumed, List<Indicator> indicators, List<String> questions) {

    Catalogue {
        indicators = List.copyOf(indicators);
        questions = List.copyOf(questions);
        Set<String> codes = new HashSet<>();
        for (Indicator indicator : indicators) {
            if (!codes.add(indicator.code())) {
                throw new IllegalArgumentException("indicator " + indicator.code() + " appears twice");
            }
        }
        if (indicators.stream().noneMatch(i -> i.category() == Indicator.Category.COMMON)) {
            throw new IllegalArgumentException("a catalogue needs at least one common indicator");
        }
        if (bonusCap < 0) {
            throw new IllegalArgumentException("the bonus cap must be 0 or more");
        }
    }

    Optional<Indicator> indicator(String code) {
        return indicators.stream().filter(i -> i.code().equals(code)).findFirst();
    }

    Map<String, Indicator> byCode() {
        Map<String, Indicator> map = new LinkedHashMap<>();
        indicators.forEach(i -> map.put(i.code(), i));
        return map;
    }

    List<Indicator> applicableTo(String townType) {
        return indicators.stream().filter(i -> i.appliesTo(townType)).toList();
    }
}
