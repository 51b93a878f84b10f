package org.townbrain.evaluation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
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
        Map<String, Assessment> byTown = new HashMap<>();
        assessments.ofYear(year).forEach(a -> byTown.put(a.townCode(), a));
        Map<String, SurveyRepository.Tally> tallies = surveys.tallies(year);
        Scoring scoring = new Scoring(catalogue);
        record Scored(Town town, Assessment assessment, Scorecard card, int responses) {
        }
        List<Scored> scored = new ArrayList<>();
        for (Town town : regions.towns()) {
            Assessment a = byTown.get(town.code());
            if (!town.inProgramme() && a == null) {
                continue;
            }
            Map<String, Double> values = new HashMap<>();
            if (a != null) {
                a.values().forEach((code, v) -> values.put(code, v.value()));
            }
            SurveyRepository.Tally tally = tallies.get(town.code());
            Double satisfaction = tally == null ? null : tally.percent(catalogue.surveyMinResponses());
            scored.add(new Scored(town, a, scoring.score(town.code(), town.type(), values, satisfaction),
                    tally == null ? 0 : tally.responses()));
        }
        scored.sort(Comparator.comparingDouble((Scored s) -> s.card().score()).reversed()
                .thenComparing(s -> s.town().code()));
        List<Standing.Entry> entries = new ArrayList<>();
        for (int i = 0; i < scored.size(); i++) {
            Scored s = scored.get(i);
            int rank = i > 0 && scored.get(i - 1).card().score() == s.card().score() ? entries.get(i - 1).rank() : i + 1;
            entries.add(new Standing.Entry(s.town(), s.assessment() == null ? null : s.assessment().status(), s.card(),
                    rank, s.responses()));
        }
        return new Standing(catalogue, entries);
    }
}
