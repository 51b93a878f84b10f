package org.townbrain.evaluation;

/** The evaluation dimensions: the five beauties, urban-rural integration, and satisfaction. */
public enum Dimension {
    ENVIRONMENT, LIVING, INDUSTRY, CULTURE, GOVERNANCE, URBAN_RURAL_INTEGRATION, SATISFACTION
}
