package org.townbrain.notify;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.townbrain.platform.errors.ConflictException;
import org.townbrain.platform.errors.NotFoundException;
import org.townbrain.platform.errors.RejectedException;
import org.townbrain.platform.scope.OutOfScopeException;
import org.townbrain.platform.scope.Scope;
import org.townbrain.region.Regions;

/**
 * The duty roster: who gets which town's messages, and the delivery log. A town's duty office
 * sees and edits its own town's entries and deliveries; entries without a town (every town's
 * messages) belong to the county.
 */
@Service
class DutyRoster {

    private final JdbcClient jdbc;
    private final Regions regions;
    private final Clock clock;

    DutyRoster(JdbcClient jdbc, Regions regions, Clock clock) {
        this.jdbc = jdbc;
        this.regions = regions;
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

    /** Deliveries per status since a moment, for the page's summary. */
    record Tally(int sent, int pending, int failed) {
    }

    @Transactional
    long add(NewEntry e, Scope scope) {
        String town = e.townCode() == null || e.townCode().isBlank() ? null : e.townCode().strip();
        if (!covers(scope, town)) {
            throw new RejectedException("townCode", "只能为本辖区的镇街设置 / only for a town in your jurisdiction");
        }
        if (town != null && regions.town(town).isEmpty()) {
            throw new RejectedException("townCode", "没有这个镇街 / no such town");
        }
        int minSeverity = e.minSeverity() == null ? 0 : e.minSeverity();
        if (minSeverity < 0 || minSeverity > 4) {
            throw new RejectedException("minSeverity", "级别应为 0–4 / severity is 0 to 4");
        }
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
                .param("town", town).param("name", e.name().strip()).param("channel", e.channel().name())
                .param("target", target)
                .param("secret", e.secret() == null || e.secret().isBlank() ? null : e.secret().strip())
                .param("min", minSeverity).param("now", Timestamp.from(clock.instant())).query(Long.class).single();
    }

    @Transactional
    void deactivate(long id, Scope scope) {
        requireVisible(id, scope);
        jdbc.sql("update notify_roster set active = false where id = :id").param("id", id).update();
    }

    /** Fails with 404 unless the entry exists and belongs to the caller's jurisdiction. */
    void requireVisible(long id, Scope scope) {
        List<String> town = jdbc.sql("select coalesce(town_code, '') from notify_roster where id = :id").param("id", id)
                .query(String.class).list();
        if (town.isEmpty()) {
            throw new NotFoundException("roster entry " + id);
        }
        if (!covers(scope, town.get(0).isEmpty() ? null : town.get(0))) {
            throw new OutOfScopeException("roster entry " + id);
        }
    }

    /** Puts a failed delivery back in the queue, due now, with a fresh round of attempts. */
    @Transactional
    void retry(long deliveryId, Scope scope) {
        record Row(String status, String town) {
        }
        Row row = jdbc.sql("select status, town_code from notify_delivery where id = :id for update")
                .param("id", deliveryId).query((rs, n) -> new Row(rs.getString(1), rs.getString(2))).optional()
                .orElseThrow(() -> new NotFoundException("delivery " + deliveryId));
        if (!covers(scope, row.town())) {
            throw new OutOfScopeException("delivery " + deliveryId);
        }
        if (!row.status().equals("FAILED")) {
            throw new ConflictException("只能重发失败的消息 / only a failed delivery can be sent again");
        }
        jdbc.sql("update notify_delivery set status = 'PENDING', attempts = 0, next_attempt_at = :now where id = :id")
                .param("now", Timestamp.from(clock.instant())).param("id", deliveryId).update();
    }

    List<Entry> entries(Scope scope) {
        return jdbc.sql("""
                select * from notify_roster
                where :county or town_code = any(:towns)
                order by active desc, town_code nulls first, id""")
                .param("county", scope.wholeCounty()).param("towns", scope.townCodes().toArray(String[]::new))
                .query((rs, n) -> {
                    ChannelKind kind = ChannelKind.valueOf(rs.getString("channel"));
                    String target = rs.getString("target");
                    return new Entry(rs.getLong("id"), rs.getString("town_code"), rs.getString("name"), kind,
                            kind == ChannelKind.SMS ? SmsGateway.mask(target) : maskUrl(target),
                            rs.getInt("min_severity"), rs.getBoolean("active"));
                }).list();
    }

    /** The delivery log, newest first; {@code status} null for every status. */
    List<Delivery> deliveries(Scope scope, String status, int limit) {
        return jdbc.sql("""
                select * from notify_delivery
                where (:county or town_code = any(:towns)) and (cast(:status as text) is null or status = :status)
                order by id desc limit :n""")
                .param("county", scope.wholeCounty()).param("towns", scope.townCodes().toArray(String[]::new))
                .param("status", status).param("n", Math.max(1, Math.min(limit, 500)))
                .query((rs, n) -> new Delivery(rs.getLong("id"), rs.getString("channel"), rs.getString("target_shown"),
                        rs.getString("town_code"), rs.getInt("severity"), rs.getString("title"), rs.getString("reference"),
                        rs.getString("status"), rs.getInt("attempts"), rs.getTimestamp("created_at").toInstant(),
                        rs.getTimestamp("sent_at") == null ? null : rs.getTimestamp("sent_at").toInstant(),
                        rs.getString("last_error")))
                .list();
    }

    Tally tally(Scope scope, Instant since) {
        return jdbc.sql("""
                select count(*) filter (where status = 'SENT'), count(*) filter (where status = 'PENDING'),
                       count(*) filter (where status = 'FAILED')
                from notify_delivery where (:county or town_code = any(:towns)) and created_at >= :since""")
                .param("county", scope.wholeCounty()).param("towns", scope.townCodes().toArray(String[]::new))
                .param("since", Timestamp.from(since))
                .query((rs, n) -> new Tally(rs.getInt(1), rs.getInt(2), rs.getInt(3))).single();
    }

    /** Entries and deliveries without a town are the county's. */
    private static boolean covers(Scope scope, String townCode) {
        return townCode == null ? scope.wholeCounty() : scope.coversTown(townCode);
    }

    /** Robot URLs carry their access token: show only scheme and host. */
    static String maskUrl(String url) {
        int slash = url.indexOf('/', url.indexOf("//") + 2);
        return (slash < 0 ? url : url.substring(0, slash)) + "/…";
    }
}
