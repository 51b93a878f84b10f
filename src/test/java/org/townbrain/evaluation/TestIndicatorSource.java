package org.townbrain.evaluation;

import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * An indicator source as another module would contribute one: it answers only for its own
 * test indicator, which no real catalogue contains, so it changes nothing else.
 */
@Component
class TestIndicatorSource implements IndicatorSource {

    @Override
    public String indicatorCode() {
        return "TEST_COMPUTED";
    }

    @Override
    public Optional<ComputedValue> compute(String townCode, int year) {
        return Optional.of(new ComputedValue(42, "test source: 42 of 42 cases"));
    }
}
