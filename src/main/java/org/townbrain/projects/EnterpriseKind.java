package org.townbrain.projects;

/** 施工企业 or 监理企业. */
enum EnterpriseKind {
    CONSTRUCTION, SUPERVISION
}
