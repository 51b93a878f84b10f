package org.townbrain.evaluation;

import java.util.Optional;

/**
 * A provider of one indicator's value computed from the platform's own data (the on-time
 * closing rate from cases, overflow events from sensing, visitors from tourism, investment
 * completion from projects). Other modules implement it as a bean; the evaluation module asks
 * every source whose code is in the year's catalogue when an assessment's computed values are
 * refreshed, and records where the number came from.
 */
public interface IndicatorSource {

    /** The catalogue code of the indicator this source computes, e.g. {@code GOV_CASE_ONTIME_RATE}. */
    String indicatorCode();

    /** The value for a town and year, or empty when there is no data to compute it from. */
    Optional<ComputedValue> compute(String townCode, int year);
}
