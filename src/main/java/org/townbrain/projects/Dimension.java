package org.townbrain.projects;

/** The five beauties (五美) a project contributes to. */
public enum Dimension {
    /** 环境美. */
    ENVIRONMENT,
    /** 生活美. */
    LIVING,
    /** 产业美. */
    INDUSTRY,
    /** 人文美. */
    CULTURE,
    /** 治理美. */
    GOVERNANCE
}
