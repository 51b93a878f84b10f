package org.townbrain.projects;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.townbrain.cases.CaseClosed;

/**
 * A quality finding counts as rectified when its case is closed as fixed. A case closed for
 * another honest reason (not found, not the government's duty, …) leaves the finding open in
 * the project statistics, where someone will see it.
 */
@Component
class FindingRectification {

    static final String REF_PREFIX = "projects-finding:";

    private final ProjectFindings findings;

    FindingRectification(ProjectFindings findings) {
        this.findings = findings;
    }

    @ApplicationModuleListener
    void on(CaseClosed closed) {
        if (closed.externalRef() == null || !closed.externalRef().startsWith(REF_PREFIX)) {
            return;
        }
        if ("FIXED".equals(closed.closingReason())) {
            findings.markRectified(Long.parseLong(closed.externalRef().substring(REF_PREFIX.length())));
        }
    }
}
