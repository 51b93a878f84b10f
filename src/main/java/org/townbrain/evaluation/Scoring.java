package org.townbrain.evaluation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.townbrain.region.Tier;

/**
 * Scores a town's values against a catalogue and decides its tier under the catalogue's pass
 * lines; lists the gaps to the next tier. Pure: no database, no clock.
 */
final class Scoring {

    static final String COMMON_SCORE = "COMMON_SCORE";
    static final String TOTAL_SCORE = "TOTAL_SCORE";
    static final String SATISFACTION = "SATISFACTION";

    private final Catalogue catalogue;
    private final double commonWeight;

    Scoring(Catalogue catalogue) {
        this.catalogue = catalogue;
        this.commonWeight = catalogue.indicators().stream().filter(i -> i.category() == Indicator.Category.COMMON)
                .mapToDouble(Indicator::weight).sum();
    }

    Scorecard score(String townCode, String townType, Map<String, Double> values, Double satisfaction) {
        List<Scorecard.Line> lines = new ArrayList<>();
        double common = 0;
        double bonus = 0;
        boolean hardMet = true;
        Map<Dimension, double[]> dims = new EnumMap<>(Dimension.class);
        for (Indicator indicator : catalogue.indicators()) {
            if (!indicator.appliesTo(townType)) {
                continue;
            }
            Double value = values.get(indicator.code());
            double points = value == null ? 0 : indicator.points(value);
            boolean met = value != null && indicator.met(value);
            lines.add(new Scorecard.Line(indicator, value, points, met));
            if (indicator.category() == Indicator.Category.COMMON) {
                common += points;
                hardMet &= met || !indicator.hard();
                double[] d = dims.computeIfAbsent(indicator.dimension(), k -> new double[2]);
                d[0] += points;
                d[1] += indicator.weight();
            } else {
                bonus += points;
            }
        }
        double commonScore = round(commonWeight == 0 ? 0 : common * 100 / commonWeight);
        double bonusScore = round(Math.min(bonus, catalogue.bonusCap()));
        double score = round(commonScore + bonusScore);
        Map<Dimension, Double> percent = new EnumMap<>(Dimension.class);
        dims.forEach((dim, d) -> percent.put(dim, d[1] == 0 ? 0 : round(d[0] * 100 / d[1])));
        if (satisfaction != null) {
            percent.put(Dimension.SATISFACTION, round(satisfaction));
        }
        PassLines pass = catalogue.passLines();
        boolean baseline = hardMet && commonScore >= pass.baselineCommonMin();
        boolean model = baseline && score >= pass.modelTotalMin() && satisfaction != null
                && satisfaction >= pass.modelSatisfactionMin();
        Tier tier = model ? Tier.MODEL : baseline ? Tier.BASELINE : Tier.NONE;
        List<TownResult.Gap> gaps = switch (tier) {
            case MODEL -> List.of();
            case BASELINE -> modelGaps(lines, score, satisfaction);
            case NONE -> baselineGaps(lines, commonScore);
        };
        return new Scorecard(townCode, townType, lines, percent, commonScore, bonusScore, score,
                satisfaction == null ? null : round(satisfaction), tier, gaps);
    }

    private List<TownResult.Gap> baselineGaps(List<Scorecard.Line> lines, double commonScore) {
        List<TownResult.Gap> gaps = new ArrayList<>();
        for (Scorecard.Line line : lines) {
            if (line.indicator().hard() && !line.met()) {
                gaps.add(gap(line));
            }
        }
        double shortfall = catalogue.passLines().baselineCommonMin() - commonScore;
        if (shortfall > 0) {
            gaps.add(new TownResult.Gap(COMMON_SCORE, catalogue.passLines().baselineCommonMin(), commonScore));
            double perPoint = commonWeight == 0 ? 0 : 100 / commonWeight;
            biggestLosses(lines, Indicator.Category.COMMON, shortfall, perPoint, gaps);
        }
        return gaps;
    }

    private List<TownResult.Gap> modelGaps(List<Scorecard.Line> lines, double score, Double satisfaction) {
        List<TownResult.Gap> gaps = new ArrayList<>();
        PassLines pass = catalogue.passLines();
        if (satisfaction == null || satisfaction < pass.modelSatisfactionMin()) {
            gaps.add(new TownResult.Gap(SATISFACTION, pass.modelSatisfactionMin(), satisfaction == null ? null : round(satisfaction)));
        }
        double shortfall = pass.modelTotalMin() - score;
        if (shortfall > 0) {
            gaps.add(new TownResult.Gap(TOTAL_SCORE, pass.modelTotalMin(), score));
            double perPoint = commonWeight == 0 ? 0 : 100 / commonWeight;
            biggestLosses(lines, null, shortfall, perPoint, gaps);
        }
        return gaps;
    }

    /** Adds the unmet indicators that lose the most points until they would close the shortfall. */
    private void biggestLosses(List<Scorecard.Line> lines, Indicator.Category only, double shortfall, double perCommonPoint,
            List<TownResult.Gap> gaps) {
        List<Scorecard.Line> candidates = lines.stream()
                .filter(l -> !l.met() && l.lost() > 0 && (only == null || l.indicator().category() == only)
                        && gaps.stream().noneMatch(g -> g.indicator().equals(l.indicator().code())))
                .sorted(Comparator.comparingDouble(Scorecard.Line::lost).reversed()
                        .thenComparing(l -> l.indicator().sort()))
                .toList();
        double closed = 0;
        for (Scorecard.Line line : candidates) {
            if (closed >= shortfall) {
                break;
            }
            gaps.add(gap(line));
            closed += line.indicator().category() == Indicator.Category.COMMON ? line.lost() * perCommonPoint : line.lost();
        }
    }

    private static TownResult.Gap gap(Scorecard.Line line) {
        return new TownResult.Gap(line.indicator().code(), line.indicator().target(), line.value());
    }

    static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
