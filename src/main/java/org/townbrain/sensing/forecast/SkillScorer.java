package org.townbrain.sensing.forecast;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.townbrain.sensing.WarningLevel;

/**
 * Scores warnings against the true level of each manhole, by the contract's rules:
 * <ul>
 * <li>an overflow event starts when the true level first reaches the rim after at least 6 hours
 * below it (the start of a series does not count as 6 hours below);</li>
 * <li>the first warning of any level issued in the 6 hours before an event's start (inclusive)
 * makes it a hit, lead time = start − that warning; an event with none is a miss;</li>
 * <li>orange/red warnings less than 2 hours apart form one episode; an episode with no event
 * starting within 6 hours after its first warning is a false alarm;</li>
 * <li>episodes that start while the manhole overflows or less than 6 hours after an overflow
 * ended, and events and episodes before {@code scoredFrom} (the warm-up), are not scored.</li>
 * </ul>
 */
public final class SkillScorer {

    static final long SIX_HOURS = 6 * 3600;
    static final long EPISODE_GAP = 2 * 3600;

    private SkillScorer() {
    }

    /** The true level of one manhole, sampled at increasing times. */
    public record Truth(double rimLevel, long[] times, double[] levels) {
    }

    /** An overflow: from its first sample at or above the rim to the first sample below it. */
    record Overflow(long start, long end, boolean event) {
    }

    public static Skill score(Map<String, Truth> truth, List<Warning> warnings, long scoredFrom) {
        Map<String, List<Warning>> bySensor = new java.util.HashMap<>();
        for (Warning w : warnings) {
            bySensor.computeIfAbsent(w.sensorId(), k -> new ArrayList<>()).add(w);
        }
        Skill.Builder skill = new Skill.Builder();
        truth.forEach((id, t) -> {
            List<Warning> mine = new ArrayList<>(bySensor.getOrDefault(id, List.of()));
            mine.sort(Comparator.comparingLong(Warning::issuedAt));
            scoreManhole(t, mine, scoredFrom, skill);
        });
        return skill.build();
    }

    static List<Overflow> overflows(Truth t) {
        List<Overflow> result = new ArrayList<>();
        long belowSince = Long.MIN_VALUE;
        boolean above = false;
        long start = 0;
        boolean event = false;
        long[] times = t.times();
        double[] levels = t.levels();
        for (int i = 0; i < times.length; i++) {
            if (Double.isNaN(levels[i])) {
                continue;
            }
            boolean nowAbove = levels[i] >= t.rimLevel();
            if (nowAbove && !above) {
                start = times[i];
                event = belowSince != Long.MIN_VALUE && start - belowSince >= SIX_HOURS;
                above = true;
            } else if (!nowAbove && above) {
                result.add(new Overflow(start, times[i], event));
                above = false;
                belowSince = times[i];
            } else if (!nowAbove && belowSince == Long.MIN_VALUE) {
                belowSince = times[i];
            }
        }
        if (above) {
            result.add(new Overflow(start, Long.MAX_VALUE, event));
        }
        return result;
    }

    private static void scoreManhole(Truth t, List<Warning> warnings, long scoredFrom, Skill.Builder skill) {
        List<Overflow> overflows = overflows(t);
        long[] issued = warnings.stream().mapToLong(Warning::issuedAt).toArray();
        long[] warningIssued = warnings.stream().filter(w -> w.level().isWarning()).mapToLong(Warning::issuedAt)
                .toArray();
        List<Long> eventStarts = new ArrayList<>();
        for (Overflow o : overflows) {
            if (!o.event()) {
                continue;
            }
            eventStarts.add(o.start());
            if (o.start() < scoredFrom) {
                continue;
            }
            long first = firstIn(issued, o.start() - SIX_HOURS, o.start());
            if (first == Long.MIN_VALUE) {
                skill.miss();
            } else {
                skill.hit(o.start() - first);
            }
            skill.warningEvent(firstIn(warningIssued, o.start() - SIX_HOURS, o.start()) != Long.MIN_VALUE);
        }
        int i = 0;
        while (i < warningIssued.length) {
            long first = warningIssued[i];
            int j = i;
            while (j + 1 < warningIssued.length && warningIssued[j + 1] - warningIssued[j] < EPISODE_GAP) {
                j++;
            }
            i = j + 1;
            if (first < scoredFrom || duringOrSoonAfterOverflow(overflows, first)) {
                continue;
            }
            boolean followed = eventStarts.stream().anyMatch(s -> s >= first && s <= first + SIX_HOURS);
            skill.episode(!followed);
        }
    }

    private static boolean duringOrSoonAfterOverflow(List<Overflow> overflows, long at) {
        for (Overflow o : overflows) {
            if (at >= o.start() && (o.end() == Long.MAX_VALUE || at < o.end() + SIX_HOURS)) {
                return true;
            }
        }
        return false;
    }

    /** The earliest time in sorted {@code times} within [from, to], or Long.MIN_VALUE. */
    private static long firstIn(long[] times, long from, long to) {
        int i = Arrays.binarySearch(times, from);
        if (i < 0) {
            i = -i - 1;
        } else {
            while (i > 0 && times[i - 1] == from) {
                i--;
            }
        }
        return i < times.length && times[i] <= to ? times[i] : Long.MIN_VALUE;
    }

    /** Whether a level counts towards the false-alarm ratio. */
    static boolean counted(WarningLevel level) {
        return level.isWarning();
    }
}
