/**
 * The Chinese font the product ships, so that what the server draws (posters, printable
 * documents) reads the same on a machine with no fonts installed.
 */
package org.townbrain.platform.fonts;
