package org.townbrain.cockpit;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Service;
import org.townbrain.platform.scope.Scope;

/** Assembles what the cockpit shows for a unit and period from every module's reader. */
@Service
class Cockpit {

    private final Units units;
    private final List<FigureReader> readers;
    private final MessageSource messages;
    private final Clock clock;

    Cockpit(Units units, List<FigureReader> readers, MessageSource messages, Clock clock) {
        this.units = units;
        this.readers = readers;
        this.messages = messages;
        this.clock = clock;
    }

    /** The cockpit of one unit: its figures, and its children with only those in trouble flagged. */
    record View(Level level, String id, String name, List<Unit.Crumb> path, LocalDate from, LocalDate to, Instant generatedAt,
            Map<String, Object> figures, List<Reason> trouble, Map<String, List<Map<String, Object>>> lists,
            List<Map<String, Object>> markers, List<ChildView> children) {
    }

    record ChildView(Level level, String id, String name, Map<String, Object> figures, List<Reason> trouble) {
        public boolean inTrouble() {
            return !trouble.isEmpty();
        }
    }

    /** Why a unit is highlighted: a message key and its text in the caller's language. */
    record Reason(String key, String text) {
    }

    // one read-only transaction: one snapshot for every reader, and the read replica when there is one
    @org.springframework.transaction.annotation.Transactional(readOnly = true)
    View view(Level level, String id, Period period, Scope scope) {
        Unit unit = units.resolve(level, id, scope);
        return view(unit, period);
    }

    /**
     * For each step of the view's path, whether the caller may open it: a town user's path still
     * names the county and the cluster, but as plain text, never as a link to a 404.
     */
    List<Boolean> openable(View view, Scope scope) {
        return view.path().stream().map(c -> {
            try {
                units.resolve(c.level(), c.id(), scope);
                return true;
            } catch (org.townbrain.platform.scope.OutOfScopeException e) {
                return false;
            }
        }).toList();
    }

    @org.springframework.transaction.annotation.Transactional(readOnly = true)
    View home(Period period, Scope scope) {
        return view(units.home(scope), period);
    }

    private View view(Unit unit, Period period) {
        Figures figures = new Figures();
        Map<String, Figures> childFigures = new LinkedHashMap<>();
        unit.children().forEach(child -> childFigures.put(child.id(), new Figures()));
        // each reader asks its module once for the unit and every child together
        readers.forEach(r -> r.read(unit, period, figures, childFigures));
        // a handful of reasons, repeated over up to 1,387 children: each text looked up once
        Map<String, Reason> reasons = new HashMap<>();
        List<ChildView> children = unit.children().stream().map(child -> {
            Figures f = childFigures.get(child.id());
            return new ChildView(child.level(), child.id(), child.name(), f.values(), reasons(f, reasons));
        }).sorted((a, b) -> Boolean.compare(b.inTrouble(), a.inTrouble())).toList();
        return new View(unit.level(), unit.id(), unit.name(), unit.path(), period.from(), period.to(), clock.instant(),
                figures.values(), reasons(figures, reasons), figures.lists(), figures.markers(), children);
    }

    private List<Reason> reasons(Figures figures, Map<String, Reason> known) {
        return figures.trouble().stream().distinct().map(key -> known.computeIfAbsent(key,
                k -> new Reason(k, messages.getMessage(k, null, k, LocaleContextHolder.getLocale())))).toList();
    }
}
