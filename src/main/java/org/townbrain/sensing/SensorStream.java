package org.townbrain.sensing;

import java.io.IOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.townbrain.platform.scope.Scope;

/**
 * Live sensor states for the map page, as server-sent events ({@code reading}: id, value, time),
 * sent from a thread of their own so that a slow browser never holds up the digest.
 */
@Component
class SensorStream implements Telemetry.Listener {

    private record Subscriber(SseEmitter emitter, Scope scope) {
    }

    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    private final ExecutorService sender = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("sensor-stream").factory());
    private final Devices devices;

    SensorStream(Devices devices) {
        this.devices = devices;
    }

    SseEmitter subscribe(Scope scope) {
        SseEmitter emitter = new SseEmitter(30 * 60 * 1000L);
        Subscriber s = new Subscriber(emitter, scope);
        subscribers.add(s);
        emitter.onCompletion(() -> subscribers.remove(s));
        emitter.onTimeout(() -> subscribers.remove(s));
        emitter.onError(e -> subscribers.remove(s));
        return emitter;
    }

    @Override
    public void stored(List<TelemetryIngest.Stored> readings) {
        if (subscribers.isEmpty()) {
            return;
        }
        Map<String, TelemetryIngest.Stored> latest = new HashMap<>();
        for (TelemetryIngest.Stored r : readings) {
            latest.merge(r.sensorId(), r, (a, b) -> a.observedAt().isAfter(b.observedAt()) ? a : b);
        }
        sender.submit(() -> send(latest.values()));
    }

    private void send(Collection<TelemetryIngest.Stored> latest) {
        for (TelemetryIngest.Stored r : latest) {
            String town = devices.find(r.sensorId()).map(Device::townCode).orElse(null);
            for (Subscriber s : subscribers) {
                if (town == null || !s.scope().coversTown(town)) {
                    continue;
                }
                try {
                    s.emitter().send(SseEmitter.event().name("reading")
                            .data(Map.of("id", r.sensorId(), "value", r.value(), "observedAt", r.observedAt().toString())));
                } catch (IOException | IllegalStateException e) {
                    subscribers.remove(s);
                }
            }
        }
    }
}
