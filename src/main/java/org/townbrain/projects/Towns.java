package org.townbrain.projects;

import org.townbrain.platform.errors.RejectedException;
import org.townbrain.region.Regions;

/** Checks on the town and project a record refers to, shared by the services that record things. */
final class Towns {

    private Towns() {
    }

    static void requireKnown(Regions regions, String townCode, String field) {
        if (townCode == null || regions.town(townCode).isEmpty()) {
            throw new RejectedException(field, "未知镇街 / unknown town: " + townCode);
        }
    }

    static void requireProjectInTown(ProjectLedger ledger, Long projectId, String townCode) {
        if (projectId == null) {
            return;
        }
        Project project = ledger.find(projectId)
                .orElseThrow(() -> new RejectedException("projectId", "未知项目 / unknown project"));
        if (!project.townCodes().contains(townCode)) {
            throw new RejectedException("projectId", "项目不在该镇街 / the project is not in this town");
        }
    }
}
