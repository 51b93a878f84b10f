package org.townbrain.evaluation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.townbrain.region.Regions;
import org.townbrain.region.Town;

/** Scores every programme town of a year from the stored values and survey answers. */
@Service
@Transactional(readOnly = true)
class Standings {

    private final CatalogueRepository catalogues;
    private final AssessmentRepository assessments;
    private final SurveyRepository surveys;
    private final Regions regions;

    Standings(CatalogueRepository catalogues, AssessmentRepository assessments, SurveyRepository surveys, Regions regions) {
        this.catalogues = catalogues;
        this.assessments = assessments;
        this.surveys = surveys;
        this.regions = regions;
    }

    Optional<Standing> of(int year) {
        return catalogues.find(year).map(this::standing);
    }

    private Standing standing(Catalogue catalogue) {
        int year = catalogue.year();
        // an accepted or locked town keeps the satisfaction it had when accepted
        Map<String, SurveyRepository.Tally> tallies = new java.util.HashMap<>(surveys.tallies(year));
        tallies.putAll(assessments.frozenTallies(year));
        return rank(catalogue, regions.towns(), assessments.statusesOfYear(year), assessments.valuesOfYear(year), tallies);
    }

    /**
     * Scores and ranks the programme towns (and any other town with an assessment). Pure: the
     * benchmark runs it on a whole province.
     */
    static Standing rank(Catalogue catalogue, List<Town> towns, Map<String, Assessment.Status> statuses,
            Map<String, Map<String, Double>> values, Map<String, SurveyRepository.Tally> tallies) {
        Scoring scoring = new Scoring(catalogue);
        record Scored(Town town, Assessment.Status status, Scorecard card, int responses) {
        }
        List<Scored> scored = new ArrayList<>();
        for (Town town : towns) {
            Assessment.Status status = statuses.get(town.code());
            if (!town.inProgramme() && status == null) {
                continue;
            }
            SurveyRepository.Tally tally = tallies.get(town.code());
            Double satisfaction = tally == null ? null : tally.percent(catalogue.surveyMinResponses());
            scored.add(new Scored(town, status, scoring.score(town.code(), town.type(),
                    values.getOrDefault(town.code(), Map.of()), satisfaction),
                    tally == null ? 0 : tally.responses()));
        }
        scored.sort(Comparator.comparingDouble((Scored s) -> s.card().score()).reversed()
                .thenComparing(s -> s.town().code()));
        List<Standing.Entry> entries = new ArrayList<>();
        for (int i = 0; i < scored.size(); i++) {
            Scored s = scored.get(i);
            int rank = i > 0 && scored.get(i - 1).card().score() == s.card().score() ? entries.get(i - 1).rank() : i + 1;
            entries.add(new Standing.Entry(s.town(), s.status(), s.card(),
                    rank, s.responses()));
        }
        return new Standing(catalogue, entries);
    }
}
