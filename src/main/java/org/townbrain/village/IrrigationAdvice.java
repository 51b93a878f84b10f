package org.townbrain.village;

/**
 * What a plot needs, from its last soil moisture and air temperature. The rule, as shown to
 * users: moisture below {@code dryBelow} % → irrigate now; below {@code lowBelow} % and the air
 * at {@code hotFrom} °C or more → irrigate this evening (less evaporation); below
 * {@code lowBelow} % otherwise → watch; else no irrigation. No current moisture reading → no
 * advice. Defaults 20 % / 30 % / 30 °C are [assumed] for loam and are settings.
 */
enum IrrigationAdvice {
    NOW, EVENING, WATCH, NONE, NO_DATA;

    static IrrigationAdvice of(Double moisture, Double airTemperature, VillageProperties.Irrigation limits) {
        if (moisture == null) {
            return NO_DATA;
        }
        if (moisture < limits.dryBelow()) {
            return NOW;
        }
        if (moisture < limits.lowBelow()) {
            return airTemperature != null && airTemperature >= limits.hotFrom() ? EVENING : WATCH;
        }
        return NONE;
    }

    String key() {
        return "village.irrigation." + name().toLowerCase(java.util.Locale.ROOT);
    }
}
