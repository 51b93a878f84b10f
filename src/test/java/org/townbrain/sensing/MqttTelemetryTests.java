package org.townbrain.sensing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.townbrain.support.IntegrationTest;
import org.townbrain.support.Requirements;

/** Readings published to a real mosquitto broker land in the database. */
@IntegrationTest
class MqttTelemetryTests {

    static final Path MOSQUITTO = Requirements.Component.MQTT_BROKER.program(0);

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MqttTelemetry mqtt;

    @Test
    void readingsPublishedWithQos1AreStored() throws Exception {
        Requirements.require(Requirements.Component.MQTT_BROKER);
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Process broker = new ProcessBuilder(MOSQUITTO.toString(), "-p", String.valueOf(port))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            int brokerPort = port;
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                try (Socket s = new Socket("127.0.0.1", brokerPort)) {
                    return true;
                } catch (java.io.IOException e) {
                    return false;
                }
            });
            String id = "Q-" + UUID.randomUUID().toString().substring(0, 8);
            mvc.perform(post("/api/sensing/devices").with(httpBasic("county", "demo"))
                            .contentType(MediaType.APPLICATION_JSON).content("""
                                    {"id":"%s","kind":"RAIN_GAUGE","townCode":"330182104","name":"mqtt gauge"}""".formatted(id)))
                    .andExpect(status().isCreated());
            String url = "tcp://127.0.0.1:" + port;
            mqtt.start(url, "townbrain-test-" + id, "townbrain/telemetry/+", null, null);

            MqttClient device = new MqttClient(url, "device-" + id, new MemoryPersistence());
            device.connect();
            for (int i = 0; i < 3; i++) {
                String payload = "{\"observedAt\":\"2026-07-01T08:%02d:00+08:00\",\"value\":%d.2}".formatted(i * 5, i);
                MqttMessage message = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
                message.setQos(1);
                device.publish("townbrain/telemetry/" + id, message);
            }
            device.publish("townbrain/telemetry/" + id, new MqttMessage("[{\"observedAt\":\"2026-07-01T08:15:00+08:00\",\"value\":4}]"
                    .getBytes(StandardCharsets.UTF_8)));
            device.disconnect();
            device.close();

            await().atMost(Duration.ofSeconds(15)).until(() -> jdbc.sql("select count(*) from sensing_reading where sensor_id = :id")
                    .param("id", id).query(Long.class).single() == 4);
            assertThat(jdbc.sql("select sum(value) from sensing_reading where sensor_id = :id")
                    .param("id", id).query(Double.class).single()).isCloseTo(7.6, org.assertj.core.data.Offset.offset(1e-9));
        } finally {
            mqtt.stop();
            broker.destroy();
            broker.waitFor();
        }
    }
}
