package org.townbrain.sensing;

/**
 * An alarm has just opened (a rule crossed, or an overflow warning issued): screens that show
 * open alarms (the cockpit's wall) refresh now instead of at their next cycle. Published once
 * per alarm, within the digest's transaction; listeners act after it commits.
 */
public record AlarmRaised(long alarmId, String townCode, WarningLevel level) {
}
