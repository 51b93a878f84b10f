package org.townbrain.sensing.forecast;

import java.util.Arrays;
import java.util.Locale;

/**
 * The warning-skill table: events hit and missed (first warning of any level), lead times,
 * orange/red episodes and how many were false alarms, and the orange/red detection rate.
 */
public record Skill(int events, int hits, int misses, long[] leadSeconds, int warningEpisodes, int falseAlarms,
        int warningHits) {

    /** The table of two seasons (or two sets of manholes) together. */
    public Skill plus(Skill other) {
        long[] leads = java.util.Arrays.copyOf(leadSeconds, leadSeconds.length + other.leadSeconds.length);
        System.arraycopy(other.leadSeconds, 0, leads, leadSeconds.length, other.leadSeconds.length);
        return new Skill(events + other.events, hits + other.hits, misses + other.misses, leads,
                warningEpisodes + other.warningEpisodes, falseAlarms + other.falseAlarms, warningHits + other.warningHits);
    }

    public double pod() {
        return events == 0 ? Double.NaN : (double) hits / events;
    }

    public double far() {
        return warningEpisodes == 0 ? Double.NaN : (double) falseAlarms / warningEpisodes;
    }

    public double warningPod() {
        return events == 0 ? Double.NaN : (double) warningHits / events;
    }

    public double csi() {
        int denominator = hits + misses + falseAlarms;
        return denominator == 0 ? Double.NaN : (double) hits / denominator;
    }

    public double meanLeadMinutes() {
        return leadSeconds.length == 0 ? Double.NaN : Arrays.stream(leadSeconds).average().orElse(0) / 60;
    }

    public double medianLeadMinutes() {
        return percentileLeadMinutes(0.5);
    }

    /** Lead-time percentile (nearest rank), in minutes. */
    public double percentileLeadMinutes(double p) {
        if (leadSeconds.length == 0) {
            return Double.NaN;
        }
        long[] sorted = leadSeconds.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 60.0;
    }

    /** One Markdown table row: name | events | hits | misses | POD | lead mean/median/p10 | episodes | false | FAR | POD o/r | CSI. */
    public String markdownRow(String name) {
        return String.format(Locale.ROOT, "| %s | %d | %d | %d | %.2f | %.0f | %.0f | %.0f | %d | %d | %.2f | %.2f | %.2f |",
                name, events, hits, misses, pod(), meanLeadMinutes(), medianLeadMinutes(), percentileLeadMinutes(0.1),
                warningEpisodes, falseAlarms, far(), warningPod(), csi());
    }

    public static String markdownHeader() {
        return "| warner | events | hits | misses | POD | lead mean (min) | lead median | lead p10 | orange/red episodes "
                + "| false alarms | FAR o/r | POD o/r | CSI |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|";
    }

    static final class Builder {
        private int events;
        private int hits;
        private int misses;
        private long[] leads = new long[16];
        private int episodes;
        private int falseAlarms;
        private int warningHits;

        void hit(long lead) {
            events++;
            hits++;
            if (hits > leads.length) {
                leads = Arrays.copyOf(leads, leads.length * 2);
            }
            leads[hits - 1] = lead;
        }

        void miss() {
            events++;
            misses++;
        }

        void warningEvent(boolean hit) {
            if (hit) {
                warningHits++;
            }
        }

        void episode(boolean falseAlarm) {
            episodes++;
            if (falseAlarm) {
                falseAlarms++;
            }
        }

        Skill build() {
            return new Skill(events, hits, misses, Arrays.copyOf(leads, hits), episodes, falseAlarms, warningHits);
        }
    }
}
