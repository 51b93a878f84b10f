package org.townbrain.cases;

import java.time.LocalDate;
import java.util.List;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.townbrain.access.Role;
import org.townbrain.region.Regions;

/** Inspections and supervision orders: list, detail with progress, start an inspection, issue an order. */
@Controller
class OrderPages {

    private final SupervisionOrders orders;
    private final CaseQueries queries;
    private final Regions regions;
    private final Actors actors;
    private final java.time.Clock clock;

    OrderPages(SupervisionOrders orders, CaseQueries queries, Regions regions, Actors actors, java.time.Clock clock) {
        this.clock = clock;
        this.orders = orders;
        this.queries = queries;
        this.regions = regions;
        this.actors = actors;
    }

    @GetMapping("/orders")
    String list(Model model) {
        Actor actor = actors.current();
        model.addAttribute("orders", orders.orders(actor.scope()));
        model.addAttribute("today", LocalDate.now(clock));
        model.addAttribute("inspections", orders.inspections(actor.scope()));
        model.addAttribute("townNames", CaseQueries.names(regions.towns()));
        model.addAttribute("towns", regions.towns().stream().filter(t -> actor.scope().coversTown(t.code())).toList());
        model.addAttribute("canInspect", actor.role() == Role.COUNTY_ADMIN || actor.role() == Role.INSPECTOR);
        return "cases/orders";
    }

    @GetMapping("/orders/{id}")
    String order(@PathVariable long id, Model model) {
        Actor actor = actors.current();
        SupervisionOrders.Order order = orders.order(id, actor.scope());
        model.addAttribute("order", order);
        model.addAttribute("points", queries.search(new CaseQueries.Filter(null, null, null, null, null, id, null),
                actor.scope(), 0, 500));
        model.addAttribute("townNames", CaseQueries.names(regions.towns()));
        return "cases/order";
    }

    @GetMapping("/inspections/{id}")
    String inspection(@PathVariable long id, @org.springframework.web.bind.annotation.RequestParam(required = false) String added,
            Model model) {
        model.addAttribute("added", added);
        Actor actor = actors.current();
        model.addAttribute("inspection", orders.inspection(id, actor.scope()));
        List<CaseQueries.Row> findings = queries.search(new CaseQueries.Filter(null, null, null, null, null, null, id),
                actor.scope(), 0, 500);
        model.addAttribute("findings", findings);
        model.addAttribute("townNames", CaseQueries.names(regions.towns()));
        model.addAttribute("orderId", orders.orderOfInspection(id).orElse(null));
        model.addAttribute("canIssue", mayIssue(actor));
        model.addAttribute("defaultDeadline", LocalDate.now(clock).plusDays(20));
        return "cases/inspection";
    }

    /** The county office, a cluster lead, and the inspector who ran the inspection issue the order it produced. */
    private static boolean mayIssue(Actor actor) {
        return actor.role() == Role.COUNTY_ADMIN || actor.role() == Role.CLUSTER_LEAD || actor.role() == Role.INSPECTOR;
    }

    @PostMapping("/inspections")
    String startInspection(@RequestParam String title, @RequestParam SupervisionOrders.Mode mode,
            @RequestParam String townCode, @RequestParam(required = false) String inspectors,
            @RequestParam(required = false) String checklist, @RequestParam LocalDate heldOn) {
        Actor actor = actors.current();
        if (actor.role() != Role.COUNTY_ADMIN && actor.role() != Role.INSPECTOR) {
            throw new AccessDeniedException("start inspection");
        }
        long id = orders.startInspection(title, mode, townCode, inspectors, checklist, heldOn, actor.name(), actor.scope(), false);
        return "redirect:/inspections/" + id;
    }

    @PostMapping("/inspections/{id}/order")
    String issue(@PathVariable long id, @RequestParam String title, @RequestParam LocalDate deadline) {
        Actor actor = actors.current();
        if (!mayIssue(actor)) {
            throw new AccessDeniedException("issue order");
        }
        SupervisionOrders.Inspection inspection = orders.inspection(id, actor.scope());
        List<Long> open = queries.search(new CaseQueries.Filter(null, null, null, null, null, null, id), actor.scope(), 0, 500)
                .stream().filter(r -> r.orderId() == null && r.state().isOpen()).map(CaseQueries.Row::id).toList();
        long order = orders.issue(title, inspection.townCode(), deadline, id, open, actor.name(), actor.scope(), false);
        return "redirect:/orders/" + order;
    }
}
