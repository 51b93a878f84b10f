/**
 * The smart steward (智慧管家): sensors and their readings, alarm rules, the sewage-overflow
 * forecaster with its blue/yellow/orange/red warning ladder, the offline replay of a season
 * and the warning-skill statistics.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Sensing",
        allowedDependencies = {"region", "access", "notify", "cases"})
package org.townbrain.sensing;
