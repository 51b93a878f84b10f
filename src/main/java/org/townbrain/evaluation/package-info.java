/**
 * Evaluation and funding: yearly indicator catalogues, town assessments (self-assessment,
 * county review, lock), scoring and tiers with pass lines as data, gap analysis and ranking,
 * the resident satisfaction survey, and the "base + rewards" funding allocation.
 * Other modules contribute computed indicator values by implementing {@link org.townbrain.evaluation.IndicatorSource}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Evaluation", allowedDependencies = {"region", "access", "cases", "projects", "tourism"})
package org.townbrain.evaluation;
