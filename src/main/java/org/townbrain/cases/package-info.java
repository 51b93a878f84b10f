/**
 * Governance cases from every source (inspections, grid patrol, citizens, the 12345 hotline,
 * sensor alarms, project checks, enterprise needs): the category catalogue with time limits,
 * the working calendar, the case lifecycle with its append-only event log, supervision orders
 * and inspections, statistics, and the Open311 GeoReport v2 interface. Other modules open cases
 * by publishing {@link org.townbrain.cases.CaseRequested} and read figures through
 * {@link org.townbrain.cases.CaseStatistics}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Cases", allowedDependencies = {"region", "access", "notify"})
package org.townbrain.cases;
