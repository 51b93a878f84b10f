package org.townbrain.sensing.forecast;

import org.townbrain.sensing.WarningLevel;

/**
 * One warning for a manhole: issued at {@code issuedAt}, expecting overflow at
 * {@code predictedOverflowAt} (epoch seconds), with the model's reasons in plain words.
 */
public record Warning(String sensorId, long issuedAt, long predictedOverflowAt, WarningLevel level, String why) {
}
