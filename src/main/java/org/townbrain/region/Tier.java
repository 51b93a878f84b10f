package org.townbrain.region;

/** The creation tier the province accepted a town at in a year: 样板 (model), 达标 (baseline), or none. */
public enum Tier { MODEL, BASELINE, NONE }
