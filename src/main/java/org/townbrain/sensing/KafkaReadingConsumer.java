package org.townbrain.sensing;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.BatchMessageListener;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.stereotype.Component;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Reads the ingest log ({@link KafkaReadingLog}) and stores what it reads: the same store as
 * direct ingest (idempotent on sensor and observed time, so a batch read twice after a
 * rebalance or a crash is stored once), then the digest (rules, forecaster, live map) on this
 * instance. Every instance joins one consumer group; each partition, and so each catchment's
 * forecasting, belongs to one instance at a time. Offsets are committed only after the rows are
 * committed in PostgreSQL; a failing store is retried with back-off, never skipped. When
 * partitions move here, the forecaster relearns from the stored history before its next
 * reading, so it continues from what the previous owner stored.
 */
@Component
@ConditionalOnBooleanProperty("townbrain.sensing.kafka.enabled")
class KafkaReadingConsumer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(KafkaReadingConsumer.class);

    private final ConcurrentMessageListenerContainer<String, String> container;
    private final Set<TopicPartition> assigned = new HashSet<>();

    KafkaReadingConsumer(KafkaIngestProperties properties, Telemetry telemetry, LiveForecaster forecaster) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, properties.groupId());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) properties.sessionTimeout().toMillis());
        config.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) Math.max(500, properties.sessionTimeout().toMillis() / 3));
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        ContainerProperties container = new ContainerProperties(properties.topic());
        container.setAckMode(ContainerProperties.AckMode.BATCH);
        container.setMessageListener((BatchMessageListener<String, String>) records -> telemetry.store(rows(records)));
        container.setConsumerRebalanceListener(new ConsumerAwareRebalanceListener() {
            @Override
            public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
                synchronized (assigned) {
                    if (!assigned.containsAll(partitions)) {
                        log.info("sensing: ingest log partitions {} now read here; the forecaster relearns", partitions);
                        forecaster.relearnSoon();
                    }
                    assigned.addAll(partitions);
                }
            }

            @Override
            public void onPartitionsRevokedAfterCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
                synchronized (assigned) {
                    assigned.removeAll(partitions);
                }
            }

            @Override
            public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
                onPartitionsRevokedAfterCommit(consumer, partitions);
            }
        });
        this.container = new ConcurrentMessageListenerContainer<>(new DefaultKafkaConsumerFactory<>(config), container);
        this.container.setBeanName("sensing-ingest-log");
        // a store that fails (database away) is tried again, for as long as it takes: never skipped
        ExponentialBackOff backOff = new ExponentialBackOff(500, 2);
        backOff.setMaxInterval(30_000);
        this.container.setCommonErrorHandler(new DefaultErrorHandler(backOff));
    }

    /** The readings of a poll, parsed back from the lines {@link KafkaReadingLog} wrote. */
    static List<Object> rows(List<ConsumerRecord<String, String>> records) {
        List<Object> rows = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            String text = record.value();
            int start = 0;
            while (start < text.length()) {
                int end = text.indexOf('\n', start);
                end = end < 0 ? text.length() : end;
                int tab1 = text.indexOf('\t', start);
                int tab2 = text.indexOf('\t', tab1 + 1);
                if (tab1 > start && tab2 > tab1 && tab2 < end) {
                    rows.add(new TelemetryIngest.Checked(text.substring(start, tab1).intern(),
                            Instant.EPOCH.plus(Long.parseLong(text, tab1 + 1, tab2, 10), ChronoUnit.MICROS),
                            Double.parseDouble(text.substring(tab2 + 1, end))));
                } else if (end > start) {
                    log.warn("sensing: skipped a malformed line in the ingest log at {}-{}@{}", record.topic(),
                            record.partition(), record.offset());
                }
                start = end + 1;
            }
        }
        return rows;
    }

    @Override
    public void start() {
        container.start();
    }

    @Override
    public void stop() {
        container.stop();
    }

    @Override
    public boolean isRunning() {
        return container.isRunning();
    }
}
