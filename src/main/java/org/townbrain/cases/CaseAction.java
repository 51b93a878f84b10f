package org.townbrain.cases;

import static org.townbrain.access.Role.COUNTY_ADMIN;
import static org.townbrain.access.Role.DUTY_OFFICER;
import static org.townbrain.access.Role.GRID_WORKER;
import static org.townbrain.access.Role.INSPECTOR;
import static org.townbrain.access.Role.TOWN_STAFF;
import static org.townbrain.cases.CaseState.ACCEPTED;
import static org.townbrain.cases.CaseState.AWAITING_VERIFICATION;
import static org.townbrain.cases.CaseState.CLOSED;
import static org.townbrain.cases.CaseState.DISPATCHED;
import static org.townbrain.cases.CaseState.IN_PROGRESS;
import static org.townbrain.cases.CaseState.PARKED;
import static org.townbrain.cases.CaseState.REPORTED;
import static org.townbrain.cases.CaseState.RETURNED;

import java.util.EnumSet;
import java.util.Set;
import org.townbrain.access.Role;

/**
 * The transitions of the case lifecycle: from which states each is allowed and which roles may
 * take it. The one table that decides both the rule and which buttons a person sees.
 */
enum CaseAction {
    ACCEPT(EnumSet.of(REPORTED), EnumSet.of(COUNTY_ADMIN, DUTY_OFFICER, TOWN_STAFF)),
    VOID(EnumSet.of(REPORTED), EnumSet.of(COUNTY_ADMIN, DUTY_OFFICER, TOWN_STAFF)),
    MERGE(EnumSet.of(REPORTED, ACCEPTED), EnumSet.of(COUNTY_ADMIN, DUTY_OFFICER, TOWN_STAFF)),
    DISPATCH(EnumSet.of(ACCEPTED, RETURNED), EnumSet.of(COUNTY_ADMIN, DUTY_OFFICER, TOWN_STAFF)),
    START(EnumSet.of(DISPATCHED), EnumSet.of(TOWN_STAFF, GRID_WORKER)),
    REPORT_BACK(EnumSet.of(DISPATCHED, IN_PROGRESS), EnumSet.of(TOWN_STAFF, GRID_WORKER)),
    RETURN(EnumSet.of(DISPATCHED), EnumSet.of(TOWN_STAFF)),
    REQUEST_EXTENSION(EnumSet.of(DISPATCHED, IN_PROGRESS), EnumSet.of(TOWN_STAFF)),
    APPROVE_EXTENSION(EnumSet.of(DISPATCHED, IN_PROGRESS, AWAITING_VERIFICATION), EnumSet.of(COUNTY_ADMIN, DUTY_OFFICER)),
    REJECT_EXTENSION(EnumSet.of(DISPATCHED, IN_PROGRESS, AWAITING_VERIFICATION), EnumSet.of(COUNTY_ADMIN, DUTY_OFFICER)),
    /** A grid worker verifies (核查) on site only in his own grids, and never a fix he reported back himself. */
    VERIFY_PASS(EnumSet.of(AWAITING_VERIFICATION), EnumSet.of(COUNTY_ADMIN, INSPECTOR, DUTY_OFFICER, GRID_WORKER)),
    VERIFY_FAIL(EnumSet.of(AWAITING_VERIFICATION), EnumSet.of(COUNTY_ADMIN, INSPECTOR, DUTY_OFFICER, GRID_WORKER)),
    PARK(EnumSet.of(ACCEPTED, DISPATCHED, IN_PROGRESS, RETURNED), EnumSet.of(COUNTY_ADMIN, DUTY_OFFICER)),
    RESUME(EnumSet.of(PARKED), EnumSet.of(COUNTY_ADMIN, DUTY_OFFICER)),
    /** By the reporter (or the county office on their behalf) within the reopen window. */
    REOPEN(EnumSet.of(CLOSED), EnumSet.of(COUNTY_ADMIN));

    private final Set<CaseState> from;
    private final Set<Role> roles;

    CaseAction(Set<CaseState> from, Set<Role> roles) {
        this.from = from;
        this.roles = roles;
    }

    boolean allowedFrom(CaseState state) {
        return from.contains(state);
    }

    boolean allowedFor(Role role) {
        return roles.contains(role);
    }

    /** URL and message-key form: {@code report-back}. */
    String slug() {
        return name().toLowerCase().replace('_', '-');
    }

    static CaseAction ofSlug(String slug) {
        for (CaseAction action : values()) {
            if (action.slug().equals(slug)) {
                return action;
            }
        }
        throw new org.townbrain.platform.errors.NotFoundException("action");
    }
}
