/**
 * Tourism and the night economy: scenic spots, culture-tourism project points, night markets,
 * routes across a cluster's towns under one brand, daily visitor and revenue figures per town,
 * holiday reports with year-on-year comparison and record detection.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Tourism", allowedDependencies = {"region", "access"})
package org.townbrain.tourism;
