package org.townbrain.cockpit;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.townbrain.platform.scope.Scope;

/**
 * Live updates by server-sent events: every open cockpit is re-read on a short cycle (and at
 * once when {@link #nudge()} is called by an event listener), and told to refresh only when
 * its figures changed. The subscriber's scope is captured when it subscribes.
 */
@Component
class CockpitFeed {

    private static final Logger log = LoggerFactory.getLogger(CockpitFeed.class);
    static final Duration TIMEOUT = Duration.ofMinutes(30);

    private record Subscriber(SseEmitter emitter, Level level, String id, LocalDate from, LocalDate to, Scope scope,
            org.springframework.security.core.context.SecurityContext security, int[] fingerprint) {
    }

    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    private final Cockpit cockpit;
    private final Clock clock;
    private final org.springframework.scheduling.TaskScheduler scheduler;
    private final java.util.concurrent.atomic.AtomicBoolean nudged = new java.util.concurrent.atomic.AtomicBoolean();
    private final java.util.concurrent.atomic.AtomicLong nudges = new java.util.concurrent.atomic.AtomicLong();

    CockpitFeed(Cockpit cockpit, Clock clock, org.springframework.scheduling.TaskScheduler scheduler) {
        this.cockpit = cockpit;
        this.clock = clock;
        this.scheduler = scheduler;
    }

    SseEmitter subscribe(Cockpit.View view, LocalDate from, LocalDate to, Scope scope) {
        SseEmitter emitter = new SseEmitter(TIMEOUT.toMillis());
        // modules' read APIs may ask who is calling: re-read as the subscriber, never as nobody
        Subscriber subscriber = new Subscriber(emitter, view.level(), view.id(), from, to, scope,
                org.springframework.security.core.context.SecurityContextHolder.getContext(), new int[] {fingerprint(view)});
        subscribers.add(subscriber);
        emitter.onCompletion(() -> subscribers.remove(subscriber));
        emitter.onTimeout(() -> subscribers.remove(subscriber));
        emitter.onError(e -> subscribers.remove(subscriber));
        try {
            emitter.send(SseEmitter.event().name("hello").data(view.generatedAt().toString()));
        } catch (IOException e) {
            subscribers.remove(subscriber);
        }
        return emitter;
    }

    int subscribers() {
        return subscribers.size();
    }

    /**
     * A new alarm: every open cockpit (the wall screen above all) is re-read at once on the
     * scheduler's thread, not at its next cycle; alarms raised together cause one re-read.
     */
    @org.springframework.transaction.event.TransactionalEventListener(fallbackExecution = true)
    void on(org.townbrain.sensing.AlarmRaised raised) {
        nudge();
    }

    /** A town's assessment was locked: its tier and score show on open cockpits at once, not at the next cycle. */
    @org.springframework.transaction.event.TransactionalEventListener(fallbackExecution = true)
    void on(org.townbrain.evaluation.AssessmentLocked locked) {
        nudge();
    }

    /** How many times open cockpits were asked to re-read at once (for tests and metrics). */
    long nudges() {
        return nudges.get();
    }

    /** Re-reads every open cockpit as soon as possible (called when something noteworthy happened). */
    void nudge() {
        nudges.incrementAndGet();
        if (scheduler != null && nudged.compareAndSet(false, true)) {
            scheduler.schedule(() -> {
                nudged.set(false);
                refresh();
            }, clock.instant());
        }
    }

    @Scheduled(fixedDelayString = "${townbrain.cockpit.refresh:15s}")
    synchronized void refresh() {
        for (Subscriber s : subscribers) {
            org.springframework.security.core.context.SecurityContextHolder.setContext(s.security());
            try {
                LocalDate today = LocalDate.now(clock);
                Period period = Period.of(s.from(), s.to(), today);
                Cockpit.View view = cockpit.view(s.level(), s.id(), period, s.scope());
                int now = fingerprint(view);
                if (now != s.fingerprint()[0]) {
                    s.fingerprint()[0] = now;
                    s.emitter().send(SseEmitter.event().name("refresh").data(view.generatedAt().toString()));
                }
            } catch (IOException | IllegalStateException e) {
                subscribers.remove(s);
            } catch (RuntimeException e) {
                log.warn("Could not refresh a cockpit subscriber: {}", e.getClass().getSimpleName());
            } finally {
                org.springframework.security.core.context.SecurityContextHolder.clearContext();
            }
        }
    }

    private static int fingerprint(Cockpit.View view) {
        return Objects.hash(view.figures(), view.lists(), view.children(), view.trouble());
    }
}
