package org.townbrain.projects;

/** What an inspection scores a firm on, per the county's assessment rules (考核办法). */
enum Criterion {
    QUALITY, PROGRESS, CIVILISED_CONSTRUCTION
}
