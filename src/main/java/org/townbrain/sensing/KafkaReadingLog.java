package org.townbrain.sensing;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The optional ingest log: checked readings appended to a Kafka topic, keyed by catchment, and
 * acknowledged only once the broker has them on every in-sync replica ({@code acks=all},
 * idempotent producer). A catchment is a rain gauge with the manholes it drains to (key: the
 * gauge's id), or a sensor on its own (key: its id), so all readings one forecast needs land in
 * one partition, read by one instance at a time ({@link KafkaReadingConsumer}). Rows are sent as
 * text, one reading a line: {@code sensorId TAB epoch-microseconds TAB value}.
 */
@Component
@ConditionalOnBooleanProperty("townbrain.sensing.kafka.enabled")
class KafkaReadingLog {

    /** The broker did not acknowledge in time: nothing is promised, the sender should try again. */
    static class Unavailable extends RuntimeException {
        Unavailable(Throwable cause) {
            super("the ingest log (Kafka) did not acknowledge the readings in time", cause);
        }
    }

    private final KafkaTemplate<String, String> kafka;
    private final KafkaIngestProperties properties;
    private final JdbcClient jdbc;
    /** Sensor id → catchment key; a corrected device is looked up again. */
    private final Map<String, String> catchments = new ConcurrentHashMap<>();

    KafkaReadingLog(KafkaIngestProperties properties, JdbcClient jdbc) {
        this.properties = properties;
        this.jdbc = jdbc;
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, properties.ackTimeout().toMillis());
        // the broker gets the ack timeout per request; the producer gives up on a record a little later
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) properties.ackTimeout().toMillis());
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) properties.ackTimeout().toMillis() + 1_000);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        this.kafka = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(config));
    }

    /** Creates the topic at start when it is missing, with the partitions and replicas configured. */
    @org.springframework.context.event.EventListener(org.springframework.boot.context.event.ApplicationStartedEvent.class)
    void createTopic() {
        KafkaAdmin admin = new KafkaAdmin(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrapServers()));
        admin.setOperationTimeout((int) Math.max(1, properties.ackTimeout().toSeconds()));
        try {
            admin.createOrModifyTopics(new NewTopic(properties.topic(), properties.partitions(), properties.replicationFactor()));
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(KafkaReadingLog.class).warn(
                    "sensing: could not make sure the ingest log topic {} exists; ingest answers 503 until the broker is reachable",
                    properties.topic(), e);
        }
    }

    /** Appends the good rows and returns the answer once the broker acknowledged all of them. */
    TelemetryIngest.Report append(List<Object> checked) {
        List<TelemetryIngest.Checked> rows = TelemetryIngest.unique(checked);
        if (!rows.isEmpty()) {
            Map<String, StringBuilder> byCatchment = new LinkedHashMap<>();
            for (TelemetryIngest.Checked row : rows) {
                byCatchment.computeIfAbsent(catchment(row.sensorId()), k -> new StringBuilder())
                        .append(row.sensorId()).append('\t')
                        .append(ChronoUnit.MICROS.between(Instant.EPOCH, row.observedAt())).append('\t')
                        .append(row.value()).append('\n');
            }
            List<CompletableFuture<?>> sent = new ArrayList<>(byCatchment.size());
            try {
                byCatchment.forEach((key, lines) -> sent.add(kafka.send(properties.topic(), key, lines.toString())));
                CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new))
                        .get(properties.ackTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException | RuntimeException e) {
                throw new Unavailable(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Unavailable(e);
            }
        }
        return TelemetryIngest.logged(checked);
    }

    /** The rain gauge a manhole drains with, else the sensor itself. */
    private String catchment(String sensorId) {
        String known = catchments.get(sensorId);
        if (known != null) {
            return known;
        }
        String key = jdbc.sql("select coalesce(gauge_id, id) from sensing_device where id = :id")
                .param("id", sensorId).query(String.class).optional().orElse(sensorId);
        catchments.put(sensorId, key);
        return key;
    }

    @TransactionalEventListener
    void corrected(Devices.Corrected event) {
        catchments.remove(event.id());
    }

    @jakarta.annotation.PreDestroy
    void close() {
        kafka.destroy();
    }
}
