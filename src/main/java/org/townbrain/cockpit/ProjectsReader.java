package org.townbrain.cockpit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.townbrain.projects.InvestmentFigures;
import org.townbrain.projects.ProjectStatistics;

/**
 * Construction investment: planned and actual in the period, and how much of the plan is done;
 * the unit and all its children in one call.
 */
@Component
@Order(60)
class ProjectsReader implements FigureReader {

    private static final String UNIT = "";

    private final ProjectStatistics projects;
    private final CockpitProperties properties;

    ProjectsReader(ProjectStatistics projects, CockpitProperties properties) {
        this.projects = projects;
        this.properties = properties;
    }

    @Override
    public void read(Unit unit, Period period, Figures figures, Map<String, Figures> children) {
        if (unit.villageCode() != null) {
            return;
        }
        Map<String, Set<String>> groups = new LinkedHashMap<>();
        groups.put(UNIT, unit.townCodes());
        for (Unit.Child child : unit.children()) {
            if (!child.village()) {
                groups.put(child.id(), child.townCodes());
            }
        }
        Map<String, InvestmentFigures> investment = projects.investmentOfGroups(period.from(), period.to(), groups);
        fill(investment.get(UNIT), figures);
        for (Unit.Child child : unit.children()) {
            if (!child.village()) {
                fill(investment.get(child.id()), children.get(child.id()));
            }
        }
    }

    private void fill(InvestmentFigures investment, Figures figures) {
        if (investment == null || investment.planned().signum() == 0) {
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
