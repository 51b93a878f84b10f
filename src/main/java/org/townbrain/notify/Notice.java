package org.townbrain.notify;

/**
 * A message for the people on duty for a town.
 *
 * @param townCode the town it concerns; the roster decides who gets it
 * @param severity 0 (information) to 4 (red warning); roster entries may ask for a minimum
 * @param title one line
 * @param text the message (Markdown for the robots, plain for SMS)
 * @param reference what it is about, such as {@code alarm:42}, for the delivery log
 */
public record Notice(String townCode, int severity, String title, String text, String reference) {
}
