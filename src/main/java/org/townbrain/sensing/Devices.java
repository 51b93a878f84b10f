package org.townbrain.sensing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.townbrain.platform.errors.ConflictException;
import org.townbrain.platform.errors.NotFoundException;
import org.townbrain.platform.errors.RejectedException;
import org.townbrain.platform.scope.OutOfScopeException;
import org.townbrain.platform.scope.Scope;
import org.townbrain.platform.scope.ScopeProvider;

/**
 * The device registry: sensors with kind, place, town and thresholds, each with its own secret
 * token (shown once, kept only as a SHA-256 hash: it has 256 random bits, so a fast hash is
 * enough), online while it reported within {@code offlineAfter}.
 */
@Service
public class Devices {

    private static final SecureRandom RANDOM = new SecureRandom();
    static final String TOKEN_PREFIX = "tbd_";

    private final JdbcClient jdbc;
    private final org.springframework.context.ApplicationEventPublisher events;
    private final ScopeProvider scopes;
    private final SensingProperties properties;
    private final Clock clock;
    private final org.townbrain.access.Users users;

    Devices(JdbcClient jdbc, ScopeProvider scopes, SensingProperties properties, Clock clock,
            org.townbrain.access.Users users, org.springframework.context.ApplicationEventPublisher events) {
        this.users = users;
        this.events = events;
        this.jdbc = jdbc;
        this.scopes = scopes;
        this.properties = properties;
        this.clock = clock;
    }

    /** What registering a sensor needs. */
    public record Registration(String id, SensorKind kind, String townCode, String name, Double lat, Double lon,
            Double rimLevel, String gaugeId, Double thresholdHigh, Double rateOfRise) {
    }

    /** The new device and its token, which is never shown again. */
    public record Registered(Device device, String token) {
    }

    @Transactional
    public Registered register(Registration r) {
        Roles.require(users, Roles.MANAGE_SENSORS);
        if (r.id() == null || !r.id().matches("[A-Za-z0-9_.:-]{1,64}")) {
            throw new RejectedException("id", "编号只能包含字母、数字和 _.:-，最长 64 字 / id: letters, digits and _.:- (1–64)");
        }
        if (r.kind() == null) {
            throw new RejectedException("kind", "请选择类型 / choose a kind");
        }
        if (r.townCode() == null || !scopes.current().coversTown(r.townCode())) {
            throw new OutOfScopeException("town " + r.townCode());
        }
        if (r.kind() == SensorKind.MANHOLE_LEVEL && (r.rimLevel() == null || !(r.rimLevel() > 0))) {
            throw new RejectedException("rimLevel", "窨井须填写井口高度（米）/ a manhole needs its rim level in metres");
        }
        if (r.lat() != null && (r.lat() < -90 || r.lat() > 90) || r.lon() != null && (r.lon() < -180 || r.lon() > 180)) {
            throw new RejectedException("lat", "坐标无效 / invalid coordinates");
        }
        String token = newToken();
        try {
            jdbc.sql("""
                    insert into sensing_device (id, kind, town_code, name, lat, lon, rim_level_m, gauge_id, threshold_high,
                        rate_of_rise, token_hash, token_prefix, demo, created_at)
                    values (:id, :kind, :town, :name, :lat, :lon, :rim, :gauge, :high, :rate, :hash, :prefix, :demo, :now)""")
                    .param("id", r.id()).param("kind", r.kind().word()).param("town", r.townCode())
                    .param("name", r.name() == null || r.name().isBlank() ? r.id() : r.name().strip())
                    .param("lat", r.lat()).param("lon", r.lon()).param("rim", r.rimLevel())
                    .param("gauge", r.gaugeId() == null || r.gaugeId().isBlank() ? null : r.gaugeId().strip())
                    .param("high", r.thresholdHigh()).param("rate", r.rateOfRise())
                    .param("hash", hash(token)).param("prefix", token.substring(0, 8))
                    .param("demo", r.id().startsWith("DEMO-")).param("now", Timestamp.from(clock.instant()))
                    .update();
        } catch (DuplicateKeyException e) {
            throw new ConflictException("传感器编号已存在 / a sensor with this id exists");
        }
        return new Registered(find(r.id()).orElseThrow(), token);
    }

    /**
     * What may be corrected about a registered sensor. Its id, kind and town stay: its readings,
     * alarms and token hang on them.
     */
    public record Correction(Integer version, String name, Double lat, Double lon, Double rimLevel, String gaugeId,
            Double thresholdHigh, Double rateOfRise) {
    }

    /** Published once a correction is committed, for the live forecaster. */
    public record Corrected(String id) {
    }

    /**
     * Corrects a sensor's name, position, rim level, rain gauge and limits; 409 when someone else
     * changed it since {@code version}. Alarm rules read the limits with the next readings; the
     * overflow forecaster takes the rim level and gauge at once.
     */
    @Transactional
    public Device correct(String id, Correction c) {
        Roles.require(users, Roles.MANAGE_SENSORS);
        Device d = visible(id);
        if (c.version() == null) {
            throw new RejectedException("version", "缺少版本号 / version is required");
        }
        if ((c.lat() == null) != (c.lon() == null) || c.lat() != null && (c.lat() < -90 || c.lat() > 90 || c.lon() < -180
                || c.lon() > 180)) {
            throw new RejectedException("lat", "经纬度须同时填写且有效 / give a valid latitude and longitude, or neither");
        }
        if (d.kind() == SensorKind.MANHOLE_LEVEL && (c.rimLevel() == null || !(c.rimLevel() > 0) || c.rimLevel() > 50)) {
            throw new RejectedException("rimLevel", "窨井须填写井口高度（0–50 米）/ a manhole needs its rim level (0–50 m)");
        }
        String gauge = c.gaugeId() == null || c.gaugeId().isBlank() ? null : c.gaugeId().strip();
        if (gauge != null && !jdbc.sql("select exists (select 1 from sensing_device where id = :g and kind = 'rain_gauge')")
                .param("g", gauge).query(Boolean.class).single()) {
            throw new RejectedException("gaugeId", "没有这个雨量计 / no rain gauge with this id");
        }
        if (c.thresholdHigh() != null && !d.kind().possible(c.thresholdHigh())) {
            throw new RejectedException("thresholdHigh", "阈值超出物理范围 / the threshold is outside the physical range");
        }
        if (c.rateOfRise() != null && !(c.rateOfRise() > 0 && Double.isFinite(c.rateOfRise()))) {
            throw new RejectedException("rateOfRise", "上涨速率须为正数 / the rate of rise must be positive");
        }
        int rows = jdbc.sql("""
                update sensing_device set name = :name, lat = :lat, lon = :lon, rim_level_m = :rim, gauge_id = :gauge,
                       threshold_high = :high, rate_of_rise = :rate, version = version + 1
                where id = :id and version = :v""")
                .param("name", c.name() == null || c.name().isBlank() ? d.name() : c.name().strip())
                .param("lat", c.lat()).param("lon", c.lon())
                .param("rim", d.kind() == SensorKind.MANHOLE_LEVEL ? c.rimLevel() : null)
                .param("gauge", d.kind() == SensorKind.MANHOLE_LEVEL ? gauge : null)
                .param("high", c.thresholdHigh()).param("rate", c.rateOfRise()).param("id", id).param("v", c.version())
                .update();
        if (rows == 0) {
            throw new ConflictException("该传感器已被他人修改，请刷新后重试 / the sensor was changed by someone else; reload and try again");
        }
        events.publishEvent(new Corrected(id));
        return find(id).orElseThrow();
    }

    /** Issues a new token for a device, invalidating the old one. */
    @Transactional
    public String rotateToken(String id) {
        Roles.require(users, Roles.MANAGE_SENSORS);
        visible(id);
        String token = newToken();
        jdbc.sql("update sensing_device set token_hash = :h, token_prefix = :p, version = version + 1 where id = :id")
                .param("h", hash(token)).param("p", token.substring(0, 8)).param("id", id).update();
        return token;
    }

    /** The device a token belongs to. */
    public Optional<String> authenticate(String token) {
        if (token == null || !token.startsWith(TOKEN_PREFIX)) {
            return Optional.empty();
        }
        return jdbc.sql("select id from sensing_device where token_hash = :h").param("h", hash(token))
                .query(String.class).optional();
    }

    /** Devices the caller may see. */
    public List<Device> list() {
        Scope scope = scopes.current();
        return jdbc.sql("select * from sensing_device order by town_code, id").query(this::map).list().stream()
                .filter(d -> scope.coversTown(d.townCode())).toList();
    }

    /**
     * The one definition of online, used by every page, the cockpit and the API: the device
     * reported after {@link #onlineSince()}, i.e. within {@code townbrain.sensing.offline-after}.
     */
    boolean online(Instant lastSeen) {
        return lastSeen != null && lastSeen.isAfter(onlineSince());
    }

    /** A device last seen after this instant is online. */
    Instant onlineSince() {
        return clock.instant().minus(properties.offlineAfter());
    }

    java.time.Duration offlineAfter() {
        return properties.offlineAfter();
    }

    /** A device the caller may see, or 404. */
    public Device visible(String id) {
        Device d = find(id).orElseThrow(() -> new NotFoundException("sensor " + id));
        if (!scopes.current().coversTown(d.townCode())) {
            throw new OutOfScopeException("sensor " + id);
        }
        return d;
    }

    /** Any device, regardless of the caller (for ingest and jobs). */
    public Optional<Device> find(String id) {
        return jdbc.sql("select * from sensing_device where id = :id").param("id", id).query(this::map).optional();
    }

    private Device map(ResultSet rs, int row) throws SQLException {
        Timestamp seen = rs.getTimestamp("last_seen_at");
        Instant lastSeen = seen == null ? null : seen.toInstant();
        boolean online = online(lastSeen);
        return new Device(rs.getString("id"), SensorKind.ofWord(rs.getString("kind")), rs.getString("town_code"),
                rs.getString("name"), (Double) rs.getObject("lat"), (Double) rs.getObject("lon"),
                (Double) rs.getObject("rim_level_m"), rs.getString("gauge_id"), (Double) rs.getObject("threshold_high"),
                (Double) rs.getObject("rate_of_rise"), rs.getBoolean("demo"), lastSeen,
                (Double) rs.getObject("last_value"), online, rs.getInt("version"));
    }

    private static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
