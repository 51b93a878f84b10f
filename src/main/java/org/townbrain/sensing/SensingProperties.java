package org.townbrain.sensing;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the sensing module ({@code townbrain.sensing.*}).
 *
 * @param offlineAfter a device with no reading for this long is shown offline
 * @param futureTolerance readings stamped further than this in the future are rejected
 * @param partitionsAhead monthly partitions created ahead of the current month
 * @param retention raw-reading retention per kind word (e.g. {@code smoke: 90d}); kinds not listed keep their default
 * @param alarmPersistence an active alarm still not cleared after this long becomes a case
 * @param mqtt the MQTT subscription, off unless a broker URL is set
 * @param forecasterHistory how much stored history of manholes and rain gauges the overflow
 *        forecaster reads again when it starts (or restarts), to relearn each catchment; zero to
 *        learn from new readings only
 * @param forecastLease how the instances share the catchments of the overflow forecaster
 */
@Validated
@ConfigurationProperties("townbrain.sensing")
record SensingProperties(@DefaultValue("15m") Duration offlineAfter, @DefaultValue("10m") Duration futureTolerance,
        @DefaultValue("2") int partitionsAhead, Map<String, Duration> retention,
        @DefaultValue("30m") Duration alarmPersistence, @DefaultValue Mqtt mqtt,
        @DefaultValue("30d") Duration forecasterHistory, @DefaultValue ForecastLease forecastLease) {

    SensingProperties {
        retention = retention == null ? Map.of() : Map.copyOf(retention);
    }

    Duration retentionOf(SensorKind kind) {
        return retention.getOrDefault(kind.word(), Duration.ofDays(kind.retentionDays()));
    }

    /**
     * @param brokerUrl e.g. {@code tcp://localhost:1883}; empty = no MQTT
     * @param topic topic filter; the last level is the sensor id, the payload {@code {"observedAt":…,"value":…}}
     */
    record Mqtt(@DefaultValue("") String brokerUrl, @DefaultValue("townbrain-sensing") String clientId,
            @DefaultValue("townbrain/telemetry/+") String topic, String username, String password) {
    }

    /**
     * @param instance this instance's name among the forecasters; empty = host name and process id
     * @param lease how long a catchment stays with an instance that stopped renewing it
     * @param heartbeat how often an instance renews its leases and claims free catchments (well under {@code lease})
     */
    record ForecastLease(@DefaultValue("") String instance, @DefaultValue("30s") Duration lease,
            @DefaultValue("10s") Duration heartbeat) {
    }
}
