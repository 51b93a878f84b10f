package org.townbrain.sensing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/**
 * Readings over MQTT (Eclipse Paho, QoS 1, persistent session): subscribes to
 * {@code townbrain.sensing.mqtt.topic} (default {@code townbrain/telemetry/+}, the last level being
 * the sensor id) when {@code townbrain.sensing.mqtt.broker-url} is set. A payload is
 * {@code {"observedAt":…,"value":…}} or an array of {@code {sensorId?, observedAt, value}}. The
 * broker authenticates devices (its ACLs); a message is acknowledged to the broker only after
 * its readings are committed, because Paho sends PUBACK when this handler returns.
 */
@Component
class MqttTelemetry {

    private static final Logger log = LoggerFactory.getLogger(MqttTelemetry.class);

    private final Telemetry telemetry;
    private final SensingProperties properties;
    private final ObjectMapper json;
    private MqttClient client;

    MqttTelemetry(Telemetry telemetry, SensingProperties properties, ObjectMapper json) {
        this.telemetry = telemetry;
        this.properties = properties;
        this.json = json;
    }

    @EventListener(ApplicationReadyEvent.class)
    void startIfConfigured() {
        SensingProperties.Mqtt mqtt = properties.mqtt();
        if (mqtt != null && mqtt.brokerUrl() != null && !mqtt.brokerUrl().isBlank()) {
            try {
                start(mqtt.brokerUrl(), mqtt.clientId(), mqtt.topic(), mqtt.username(), mqtt.password());
            } catch (MqttException e) {
                log.error("sensing: cannot connect to the MQTT broker {}: {}", mqtt.brokerUrl(), e.getMessage());
            }
        }
    }

    synchronized void start(String brokerUrl, String clientId, String topic, String username, String password)
            throws MqttException {
        stop();
        MqttClient c = new MqttClient(brokerUrl, clientId, new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(false);
        options.setAutomaticReconnect(true);
        options.setKeepAliveInterval(30);
        if (username != null && !username.isBlank()) {
            options.setUserName(username);
            options.setPassword(password == null ? new char[0] : password.toCharArray());
        }
        c.connect(options);
        c.subscribe(topic, 1, this::arrived);
        client = c;
        log.info("sensing: subscribed to {} on {}", topic, brokerUrl);
    }

    synchronized void stop() {
        if (client != null) {
            try {
                if (client.isConnected()) {
                    client.disconnect(2000);
                }
                client.close();
            } catch (MqttException e) {
                log.warn("sensing: MQTT disconnect: {}", e.getMessage());
            }
            client = null;
        }
    }

    private void arrived(String topic, MqttMessage message) {
        String sensorFromTopic = topic.substring(topic.lastIndexOf('/') + 1);
        List<TelemetryIngest.Incoming> rows = new ArrayList<>();
        try {
            Object payload = json.readValue(new String(message.getPayload(), StandardCharsets.UTF_8), Object.class);
            List<?> items = payload instanceof List<?> list ? list : List.of(payload);
            for (Object item : items) {
                if (item instanceof Map<?, ?> m) {
                    Object id = m.get("sensorId") == null ? sensorFromTopic : m.get("sensorId");
                    rows.add(new TelemetryIngest.Incoming(id, m.get("observedAt"), m.get("value")));
                }
            }
        } catch (RuntimeException e) {
            log.warn("sensing: MQTT message on {} is not JSON readings; dropped", topic);
            return;
        }
        TelemetryIngest.Report report = telemetry.accept(rows, null, null);
        if (!report.rejected().isEmpty()) {
            log.warn("sensing: MQTT message on {}: {} of {} rows rejected, first: {}", topic, report.rejected().size(),
                    report.received(), report.rejected().get(0).error());
        }
    }
}
