package org.townbrain.projects;

import java.time.Clock;
import java.time.OffsetDateTime;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.townbrain.platform.errors.NotFoundException;

/**
 * The rectification side of quality findings, for the module that tracks their cases: when the
 * case requested for a finding is closed, it calls {@link #markRectified(long)}.
 */
@Service
public class ProjectFindings {

    private final JdbcClient jdbc;
    private final Clock clock;

    ProjectFindings(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Marks a finding rectified. Idempotent: a finding already rectified keeps its first date.
     *
     * @throws NotFoundException when there is no such finding
     */
    @Transactional
    public void markRectified(long findingId) {
        int rows = jdbc.sql("""
                update projects_finding set rectified = true, rectified_at = coalesce(rectified_at, :at), version = version + 1
                where id = :id""").param("at", OffsetDateTime.now(clock)).param("id", findingId).update();
        if (rows == 0) {
            throw new NotFoundException("finding " + findingId);
        }
    }

    /** Whether the finding has been rectified, for callers that want to check before acting. */
    @Transactional(readOnly = true)
    public boolean isRectified(long findingId) {
        return jdbc.sql("select rectified from projects_finding where id = :id").param("id", findingId)
                .query(Boolean.class).optional().orElseThrow(() -> new NotFoundException("finding " + findingId));
    }
}
