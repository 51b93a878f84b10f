package org.townbrain.village;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A village's small brain as pages, the API and the cockpit see it: its scenarios in the three
 * groups 生产 production, 生活 life and 生态 ecology. No personal data: names are masked.
 *
 * @param demo whether its rows are demo data (shown as such)
 */
public record VillageBrain(String code, String name, String townCode, String townName, boolean demo,
        List<Scenario> production, List<Scenario> life, List<Scenario> ecology) {

    /**
     * One scenario with its live figures, its items (plots, groups, terminals…) and its open alarms.
     *
     * @param key the scenario's name, e.g. {@code plots}; its title is message {@code village.scenario.<key>}
     * @param figures headline numbers by name
     * @param items rows; values that are message keys end in {@code Key}
     * @param alarms alarms not yet cleared, each a case of the village once it persists
     */
    public record Scenario(String key, Map<String, Object> figures, List<Map<String, Object>> items,
            List<Alarm> alarms) {

        /** A figure as a person reads it: numbers grouped by thousands with at most one decimal (5,020,000; 115.5), a dash for none. */
        public String shown(Object value) {
            if (value == null) {
                return "—";
            }
            if (value instanceof Number n) {
                return new java.text.DecimalFormat("#,##0.#", java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT))
                        .format(n.doubleValue());
            }
            return value.toString();
        }
    }

    /** An open alarm of a village sensor; {@code caseRequested} once it has become a case. */
    public record Alarm(long id, String sensorName, String level, String state, Instant raisedAt, String why,
            boolean caseRequested) {
    }

    /** A village with a small brain, for lists. */
    public record Summary(String code, String name, String townCode, String townName, boolean demo) {
    }

    /** Open alarms over all scenarios. */
    public int openAlarms() {
        return (int) java.util.stream.Stream.of(production, life, ecology).flatMap(List::stream)
                .mapToLong(s -> s.alarms().size()).sum();
    }
}
