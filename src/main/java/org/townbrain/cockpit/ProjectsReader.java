package org.townbrain.cockpit;

import java.util.Set;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.townbrain.projects.InvestmentFigures;
import org.townbrain.projects.ProjectStatistics;

/** Construction investment: planned and actual in the period, and how much of the plan is done. */
@Component
@Order(60)
class ProjectsReader implements FigureReader {

    private final ProjectStatistics projects;
    private final CockpitProperties properties;

    ProjectsReader(ProjectStatistics projects, CockpitProperties properties) {
        this.projects = projects;
        this.properties = properties;
    }

    @Override
    public void read(Set<String> townCodes, String villageCode, Period period, boolean detailed, Figures figures) {
        if (villageCode != null) {
            return;
        }
        InvestmentFigures investment = projects.investment(period.from(), period.to(), townCodes);
        if (investment.planned().signum() == 0) {
            return;
        }
        figures.put("investmentCompletion", investment.completion());
        figures.put("investmentPlanned", investment.planned());
        figures.put("investmentActual", investment.actual());
        figures.put("projects", investment.projects());
        if (investment.completion() < properties.minInvestmentCompletion()) {
            figures.trouble("cockpit.trouble.investmentCompletion");
        }
    }
}
