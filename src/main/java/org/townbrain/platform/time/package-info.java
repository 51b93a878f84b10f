/**
 * The county's time: its {@link java.time.ZoneId} from {@code townbrain.zone} (configured once,
 * the county's zone, set in application.yml) and the one {@link java.time.Clock} every "now" and "today"
 * is read from, so that tests can pin time and a server in another zone still reads Beijing time.
 * Pages format times in the county zone ({@code #temporals} is bound to it); the JSON API writes
 * offsets ({@code +08:00}).
 */
package org.townbrain.platform.time;
