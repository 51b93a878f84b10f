package org.townbrain.projects;

/** Where a project stands. */
enum ProjectStatus {
    PLANNED, UNDER_CONSTRUCTION, COMPLETED, SUSPENDED
}
