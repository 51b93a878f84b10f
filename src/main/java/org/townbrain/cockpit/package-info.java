/**
 * The cockpit: one page a county leader understands in ten seconds, on a wall screen or a
 * phone. County → cluster → town → village drill-down over every module's figures, read only
 * through the modules' public APIs, with no personal data anywhere on it.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Cockpit")
package org.townbrain.cockpit;
