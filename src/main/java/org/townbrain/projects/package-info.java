/**
 * Construction projects of the beautiful-towns programme: the project ledger with monthly
 * investment, the construction and supervision firms and their assessment, quality and safety
 * checks whose findings become cases, expert services and planning services (双师), and the
 * statistics the county reports. Publishes {@link org.townbrain.projects.QualityFindingRecorded};
 * other modules read figures through {@link org.townbrain.projects.ProjectStatistics}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Projects", allowedDependencies = {"region", "access", "cases"})
package org.townbrain.projects;
