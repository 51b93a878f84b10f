package org.townbrain.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.townbrain.platform.errors.NotFoundException;
import org.townbrain.platform.errors.RejectedException;

/**
 * Personal API tokens: shown once at creation, stored only as a SHA-256 hash (a token has 256
 * random bits, so a fast hash is enough), revocable, expiring.
 */
@Service
class ApiTokens {

    static final String PREFIX = "tb_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final AccessProperties properties;
    private final Clock clock;

    ApiTokens(JdbcClient jdbc, AccessProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    /** A token as listed to its owner: never the token itself. */
    record TokenInfo(long id, String name, String prefix, Instant createdAt, Instant expiresAt, Instant lastUsedAt,
            boolean revoked) {
    }

    /** Issues a token for the user and returns it; the only time it is ever visible. */
    @Transactional
    String issue(long userId, String name) {
        if (name == null || name.isBlank() || name.length() > 60) {
            throw new RejectedException("name", "请填写 1–60 字的令牌名称 / name the token (1–60 characters)");
        }
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        jdbc.sql("""
                insert into access_api_token (user_id, name, token_hash, prefix, created_at, expires_at)
                values (:u, :n, :h, :p, :c, :e)""")
                .param("u", userId).param("n", name.strip()).param("h", hash(token)).param("p", token.substring(0, 9))
                .param("c", Timestamp.from(now)).param("e", Timestamp.from(now.plus(properties.apiTokenLifetime())))
                .update();
        return token;
    }

    List<TokenInfo> of(long userId) {
        return jdbc.sql("""
                select id, name, prefix, created_at, expires_at, last_used_at, revoked_at is not null as revoked
                from access_api_token where user_id = :u order by created_at desc""")
                .param("u", userId)
                .query((rs, n) -> new TokenInfo(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getTimestamp(4).toInstant(), instant(rs.getTimestamp(5)), instant(rs.getTimestamp(6)),
                        rs.getBoolean(7)))
                .list();
    }

    @Transactional
    void revoke(long userId, long tokenId) {
        int changed = jdbc.sql("update access_api_token set revoked_at = now() where id = :id and user_id = :u and revoked_at is null")
                .param("id", tokenId).param("u", userId).update();
        if (changed == 0) {
            throw new NotFoundException("token");
        }
    }

    /** The user id a presented token belongs to, if it is known, live and not expired. */
    @Transactional
    Optional<Long> authenticate(String token) {
        if (token == null || !token.startsWith(PREFIX)) {
            return Optional.empty();
        }
        return jdbc.sql("""
                update access_api_token set last_used_at = :now
                where token_hash = :h and revoked_at is null and (expires_at is null or expires_at > :now)
                returning user_id""")
                .param("h", hash(token)).param("now", Timestamp.from(clock.instant()))
                .query(Long.class).optional();
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
