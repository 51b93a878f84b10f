package org.townbrain.notify;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.townbrain.platform.errors.NotFoundException;
import org.townbrain.platform.errors.RejectedException;

/** The duty roster: who gets which town's messages, and the delivery log. */
@Service
class DutyRoster {

    private final JdbcClient jdbc;
    private final Clock clock;

    DutyRoster(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A roster entry as shown: the target masked, the secret never. */
    record Entry(long id, String townCode, String name, ChannelKind channel, String target, int minSeverity,
            boolean active) {
    }

    record NewEntry(String townCode, String name, ChannelKind channel, String target, String secret, Integer minSeverity) {
    }

    record Delivery(long id, String channel, String recipient, String townCode, int severity, String title,
            String reference, String status, int attempts, Instant createdAt, Instant sentAt, String lastError) {
    }

    @Transactional
    long add(NewEntry e) {
        if (e.channel() == null) {
            throw new RejectedException("channel", "请选择渠道 / choose a channel");
        }
        if (e.name() == null || e.name().isBlank()) {
            throw new RejectedException("name", "请填写名称 / name the entry");
        }
        String target = e.target() == null ? "" : e.target().strip();
        if (e.channel() == ChannelKind.SMS ? !target.matches("\\+?[0-9]{7,15}") : !target.matches("https?://\\S+")) {
            throw new RejectedException("target", e.channel() == ChannelKind.SMS ? "手机号无效 / invalid phone number"
                    : "请填写 http(s) 地址 / enter an http(s) URL");
        }
        return jdbc.sql("""
                insert into notify_roster (town_code, name, channel, target, secret, min_severity, created_at)
                values (:town, :name, :channel, :target, :secret, :min, :now) returning id""")
                .param("town", e.townCode() == null || e.townCode().isBlank() ? null : e.townCode())
                .param("name", e.name().strip()).param("channel", e.channel().name()).param("target", target)
                .param("secret", e.secret() == null || e.secret().isBlank() ? null : e.secret().strip())
                .param("min", e.minSeverity() == null ? 0 : e.minSeverity())
                .param("now", Timestamp.from(clock.instant())).query(Long.class).single();
    }

    @Transactional
    void deactivate(long id) {
        if (jdbc.sql("update notify_roster set active = false where id = :id").param("id", id).update() == 0) {
            throw new NotFoundException("roster entry " + id);
        }
    }

    List<Entry> entries() {
        return jdbc.sql("select * from notify_roster order by town_code nulls first, id").query((rs, n) -> {
            ChannelKind kind = ChannelKind.valueOf(rs.getString("channel"));
            String target = rs.getString("target");
            return new Entry(rs.getLong("id"), rs.getString("town_code"), rs.getString("name"), kind,
                    kind == ChannelKind.SMS ? SmsGateway.mask(target) : maskUrl(target), rs.getInt("min_severity"),
                    rs.getBoolean("active"));
        }).list();
    }

    List<Delivery> deliveries(int limit) {
        return jdbc.sql("select * from notify_delivery order by id desc limit :n").param("n", Math.min(limit, 500))
                .query((rs, n) -> new Delivery(rs.getLong("id"), rs.getString("channel"), rs.getString("target_shown"),
                        rs.getString("town_code"), rs.getInt("severity"), rs.getString("title"), rs.getString("reference"),
                        rs.getString("status"), rs.getInt("attempts"), rs.getTimestamp("created_at").toInstant(),
                        rs.getTimestamp("sent_at") == null ? null : rs.getTimestamp("sent_at").toInstant(),
                        rs.getString("last_error")))
                .list();
    }

    /** Robot URLs carry their access token: show only scheme and host. */
    static String maskUrl(String url) {
        int slash = url.indexOf('/', url.indexOf("//") + 2);
        return (slash < 0 ? url : url.substring(0, slash)) + "/…";
    }
}
