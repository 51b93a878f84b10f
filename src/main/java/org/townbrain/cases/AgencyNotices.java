package org.townbrain.cases;

import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.townbrain.notify.Notice;
import org.townbrain.notify.Notifications;

/**
 * Sends a 代办 step's reminder or overdue notice to the people on duty for the town (the roster),
 * in the county's language and zone. Names the tracking code, service, step and agent account,
 * never the applicant.
 */
@Component
class AgencyNotices {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm");

    private final Notifications notifications;
    private final MessageSource messages;
    private final java.time.Clock clock;

    AgencyNotices(Notifications notifications, MessageSource messages, java.time.Clock clock) {
        this.notifications = notifications;
        this.messages = messages;
        this.clock = clock;
    }

    @ApplicationModuleListener
    void on(ServiceStepDue due) {
        boolean overdue = "OVERDUE".equals(due.kind());
        Locale zh = Locale.SIMPLIFIED_CHINESE;
        String agent = due.assignee() == null ? messages.getMessage("cases.agency.unassigned", null, zh) : due.assignee();
        String deadline = TIME.withZone(clock.getZone()).format(due.deadline());
        String title = messages.getMessage(overdue ? "cases.agency.notice.overdueTitle" : "cases.agency.notice.reminderTitle",
                new Object[] {due.trackingCode()}, zh);
        String text = messages.getMessage("cases.agency.notice.text",
                new Object[] {due.service(), due.trackingCode(), due.step(), deadline, agent}, zh);
        notifications.send(new Notice(due.townCode(), overdue ? 2 : 1, title, text,
                "service:" + due.requestId() + ":" + due.step() + ":" + due.kind()));
    }
}
