package org.townbrain.sensing.forecast;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rain nowcasts per gauge. The forecaster asks for the rain expected in each coming 5-minute
 * step using only nowcasts issued at or before the moment it decides; the newest issue wins
 * where several cover the same step.
 */
public final class Nowcasts {

    /** One nowcast window: {@code rainMm} expected at the gauge between validFrom and validTo. */
    public record Window(String gaugeId, long issuedAt, long validFrom, long validTo, double rainMm) {
    }

    private static final long STEP = OverflowForecaster.STEP_SECONDS;
    private static final long LOOK_BACK = 6 * 3600;

    private final Map<String, Window[]> byGauge = new java.util.concurrent.ConcurrentHashMap<>();

    public Nowcasts(List<Window> windows) {
        merge(windows, false);
    }

    /** Adds newly issued windows (live use); windows issued more than two days before the newest are dropped. */
    public void add(List<Window> windows) {
        merge(windows, true);
    }

    private synchronized void merge(List<Window> windows, boolean prune) {
        Map<String, List<Window>> grouped = new HashMap<>();
        byGauge.forEach((g, array) -> grouped.put(g, new ArrayList<>(List.of(array))));
        for (Window w : windows) {
            if (w.validTo() > w.validFrom() && w.rainMm() >= 0) {
                grouped.computeIfAbsent(w.gaugeId(), g -> new ArrayList<>()).add(w);
            }
        }
        grouped.forEach((g, list) -> {
            Window[] array = list.toArray(Window[]::new);
            Arrays.sort(array, (a, b) -> Long.compare(a.issuedAt(), b.issuedAt()));
            long keepFrom = array.length == 0 ? 0 : array[array.length - 1].issuedAt() - 2 * 86400;
            int first = 0;
            while (prune && first < array.length && array[first].issuedAt() < keepFrom) {
                first++;
            }
            byGauge.put(g, first == 0 ? array : Arrays.copyOfRange(array, first, array.length));
        });
    }

    public static Nowcasts none() {
        return new Nowcasts(List.of());
    }

    public boolean covers(String gaugeId) {
        return byGauge.containsKey(gaugeId);
    }

    /**
     * Expected rain (mm) in each of the {@code steps} 5-minute steps starting at {@code now},
     * from issues made at or before {@code now}; NaN where no nowcast covers a step.
     */
    public double[] expected(String gaugeId, long now, int steps) {
        double[] rain = new double[steps];
        Arrays.fill(rain, Double.NaN);
        Window[] windows = byGauge.get(gaugeId);
        if (windows == null) {
            return rain;
        }
        int last = lastIssuedAtOrBefore(windows, now);
        int[] filledBy = new int[steps];
        Arrays.fill(filledBy, -1);
        int issue = -1;
        long issueTime = Long.MIN_VALUE;
        for (int i = last; i >= 0 && windows[i].issuedAt() >= now - LOOK_BACK; i--) {
            Window w = windows[i];
            if (w.issuedAt() != issueTime) {
                issueTime = w.issuedAt();
                issue++;
            }
            if (w.validTo() <= now) {
                continue;
            }
            double perSecond = w.rainMm() / (w.validTo() - w.validFrom());
            int firstStep = (int) Math.max(0, (w.validFrom() - now) / STEP);
            int lastStep = (int) Math.min(steps - 1, (w.validTo() - now) / STEP);
            for (int k = firstStep; k <= lastStep; k++) {
                if (filledBy[k] >= 0 && filledBy[k] != issue) {
                    continue;
                }
                long from = now + k * STEP;
                long overlap = Math.min(from + STEP, w.validTo()) - Math.max(from, w.validFrom());
                if (overlap <= 0) {
                    continue;
                }
                rain[k] = (filledBy[k] < 0 ? 0 : rain[k]) + perSecond * overlap;
                filledBy[k] = issue;
            }
        }
        return rain;
    }

    private static int lastIssuedAtOrBefore(Window[] windows, long now) {
        int lo = 0;
        int hi = windows.length - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (windows[mid].issuedAt() <= now) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }
}
