/**
 * The smart steward (智慧管家): sensors and their readings, alarm rules, the sewage-overflow
 * forecaster with its blue/yellow/orange/red warning ladder, the offline replay of a season
 * and the warning-skill statistics.
 *
 * <p>{@code POST /api/telemetry} answers once a batch is committed; roll-ups, last values, alarm
 * rules and the live forecaster follow in {@link org.townbrain.sensing.ReadingDigest}. The live
 * forecaster relearns from the stored history whenever it is built, so its state needs no saving.
 * Measurements: {@code bench/sensing/RESULTS.md}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Sensing",
        allowedDependencies = {"region", "access", "notify", "cases"})
package org.townbrain.sensing;
