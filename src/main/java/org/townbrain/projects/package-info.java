/**
 * Construction projects of the beautiful-towns programme: the project ledger with monthly
 * investment, the construction and supervision firms and their assessment, quality and safety
 * checks whose findings become cases, expert services and planning services (双师), and the
 * statistics the county reports. A finding becomes a case through
 * {@link org.townbrain.cases.CaseRequested}; its case's {@link org.townbrain.cases.CaseClosed} marks it
 * rectified. Other modules read figures through {@link org.townbrain.projects.ProjectStatistics}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Projects", allowedDependencies = {"region", "access", "cases"})
package org.townbrain.projects;
