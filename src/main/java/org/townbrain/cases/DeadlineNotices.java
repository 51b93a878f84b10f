package org.townbrain.cases;

import java.time.format.DateTimeFormatter;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.townbrain.notify.Notice;
import org.townbrain.notify.Notifications;

/**
 * Sends the deadline steps to the people on duty for the town: a reminder (催办) before the
 * limit, an escalation (督办) when overdue, a public notice (通报) when it stays overdue. The
 * message names the case and the unit, never the reporter.
 */
@Component
class DeadlineNotices {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm");

    private final Notifications notifications;

    private final java.time.Clock clock;

    DeadlineNotices(Notifications notifications, java.time.Clock clock) {
        this.clock = clock;
        this.notifications = notifications;
    }

    @ApplicationModuleListener
    void on(CaseOverdue overdue) {
        String step = switch (overdue.step()) {
            case "REMINDER" -> "催办";
            case "ESCALATION" -> "督办";
            default -> "通报";
        };
        int severity = switch (overdue.step()) {
            case "REMINDER" -> 1;
            case "ESCALATION" -> 2;
            default -> 3;
        };
        notifications.send(new Notice(overdue.townCode(), severity, step + "：案件 " + overdue.ref(),
                "案件 " + overdue.ref() + "（" + (overdue.unit() == null ? "未派遣" : overdue.unit()) + "）处置期限 "
                        + (overdue.deadline() == null ? "—" : TIME.withZone(clock.getZone()).format(overdue.deadline())) + "，请及时处理。",
                "case:" + overdue.caseId() + ":" + overdue.step()));
    }
}
