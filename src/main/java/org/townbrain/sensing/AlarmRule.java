package org.townbrain.sensing;

import java.time.Duration;

/**
 * One alarm rule: raise when the value (or its rate of rise per hour) is beyond the limit for
 * at least {@code duration}; clear once it is back inside by more than {@code hysteresis}, so a
 * value hovering at the limit does not flap.
 */
record AlarmRule(Type type, boolean below, double limit, Duration duration, double hysteresis, WarningLevel level) {

    enum Type { THRESHOLD, RATE_OF_RISE, OVERFLOW_FORECAST }

    /** What one rule remembers about one sensor between readings. */
    static final class Condition {
        long breachedSince = Long.MIN_VALUE;
        boolean raised;
    }

    enum Decision { RAISE, CLEAR, NONE }

    /**
     * Decides on a new observation ({@code measured} is the value or the rate) at {@code at}
     * (epoch seconds) and updates the condition.
     */
    Decision decide(Condition c, double measured, long at) {
        boolean beyond = below ? measured <= limit : measured >= limit;
        boolean backInside = below ? measured > limit + hysteresis : measured < limit - hysteresis;
        if (beyond) {
            if (c.breachedSince == Long.MIN_VALUE) {
                c.breachedSince = at;
            }
            if (!c.raised && at - c.breachedSince >= duration.toSeconds()) {
                c.raised = true;
                return Decision.RAISE;
            }
            return Decision.NONE;
        }
        if (backInside) {
            c.breachedSince = Long.MIN_VALUE;
            if (c.raised) {
                c.raised = false;
                return Decision.CLEAR;
            }
        }
        return Decision.NONE;
    }
}
