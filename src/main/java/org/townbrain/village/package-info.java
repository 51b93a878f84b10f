/**
 * The village small brain (乡村小脑): for a village, its production (plots and greenhouses with
 * soil and weather sensors, irrigation advice, cooperatives, sales), life (elderly people
 * living alone watched by daily check-in or smart meter, notices) and ecology (water level and
 * quality, waste sorting, sewage terminals, burning and littering reports) scenarios. Sensors
 * and alarms stay in {@code sensing}; whatever a person must act on becomes a case of the
 * village through {@link org.townbrain.cases.CaseRequested}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Village",
        allowedDependencies = {"region", "access", "sensing", "cases"})
package org.townbrain.village;
