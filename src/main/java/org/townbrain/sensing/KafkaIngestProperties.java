package org.townbrain.sensing;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The optional Kafka ingest log ({@code townbrain.sensing.kafka.*}). Off by default: readings
 * are then stored straight in PostgreSQL, as on a single county server.
 *
 * @param enabled when true, every reading that passes its checks is appended to {@code topic}
 *        and acknowledged once the broker has it on all in-sync replicas ({@code acks=all});
 *        consumers store it and run the rules and the forecaster
 * @param bootstrapServers the brokers, e.g. {@code kafka-1:9092,kafka-2:9092}
 * @param topic the readings topic, created at start when missing
 * @param partitions its partitions when it is created: the most instances that can share the
 *        consuming (and so the forecasting), as each partition is read by one instance at a time
 * @param replicationFactor its replication factor when created (3 on a production cluster)
 * @param groupId the consumer group every instance joins
 * @param ackTimeout how long an ingest request waits for the broker before answering 503
 * @param sessionTimeout how long the group waits for an instance that stopped answering before its
 *        partitions (and catchments) move to the others
 */
@ConfigurationProperties("townbrain.sensing.kafka")
record KafkaIngestProperties(@DefaultValue("false") boolean enabled,
        @DefaultValue("localhost:9092") String bootstrapServers, @DefaultValue("townbrain.readings") String topic,
        @DefaultValue("12") int partitions, @DefaultValue("1") short replicationFactor,
        @DefaultValue("townbrain-readings") String groupId, @DefaultValue("10s") Duration ackTimeout,
        @DefaultValue("10s") Duration sessionTimeout) {
}
