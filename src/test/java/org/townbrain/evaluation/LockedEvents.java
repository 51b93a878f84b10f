package org.townbrain.evaluation;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Collects {@link AssessmentLocked} events as a listening module would receive them. */
@Component
class LockedEvents {

    final List<AssessmentLocked> received = new CopyOnWriteArrayList<>();

    @EventListener
    void on(AssessmentLocked event) {
        received.add(event);
    }
}
