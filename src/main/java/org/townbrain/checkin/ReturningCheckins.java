package org.townbrain.checkin;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Returning visitors' check-ins with group commit. Check-ins that arrive while others are being
 * written wait, and then go to PostgreSQL together: one statement and one commit (one WAL flush)
 * for all of them, instead of one each. A check-in that finds nothing being written is written at
 * once by its own request thread, so a lone visitor waits for nothing but their own statement;
 * under load the groups grow by themselves. Every caller is answered only after the commit that
 * holds its row, as before.
 *
 * <p>A visitor's check-ins always go to the same writer (by token), so two scans of one venue are
 * never written side by side: the second sees the first and is the same visit. Scans of the same
 * venue with the same token in one group are written once and answered with that row. When a
 * group's statement fails (a visitor deleted by the retention job at that moment, the database
 * gone), each of its check-ins is tried again in a group of its own, so one bad row does not
 * fail the others. Before the writers start and after they stop, a check-in is written alone.
 */
@Component
class ReturningCheckins implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ReturningCheckins.class);
    /** Most check-ins in one statement; more wait for the next one. */
    private static final int GROUP = 256;
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    /** A visitor's last-seen time (which the retention job reads) is moved on at most this often. */
    static final Duration LAST_SEEN_STEP = Duration.ofHours(1);

    private final JdbcClient jdbc;
    private final CheckinProperties properties;
    private final Clock clock;
    private final List<Shard> shards = new ArrayList<>();
    private final List<Thread> writers = new ArrayList<>();
    private volatile boolean running;

    ReturningCheckins(JdbcClient jdbc, CheckinProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
        for (int i = 0; i < properties.writers(); i++) {
            shards.add(new Shard(new LinkedBlockingQueue<>(), new ReentrantLock()));
        }
    }

    /**
     * A share of the visitors (by token): their waiting check-ins, and the lock held while any of
     * them is written, by the shard's writer or by a caller who found the shard idle.
     */
    private record Shard(BlockingQueue<Wanted> queue, ReentrantLock writing) {
    }

    /** One visitor's scan: the venue, the token's hash in hex, and the answer to come. */
    private record Wanted(VenueCode code, String hash, CompletableFuture<Optional<Checkins.Returning>> answer) {
    }

    /**
     * Checks a returning visitor in at an open venue, or answers with their visit there within
     * the same-visit window. Empty when the venue is unknown or retired or the token names
     * nobody. Throws a {@link DataAccessException} when the database did not answer.
     */
    Optional<Checkins.Returning> checkIn(VenueCode code, String token) {
        if (!VisitorToken.wellFormed(token)) {
            return Optional.empty();
        }
        byte[] hash = new VisitorToken(token).hash();
        Wanted wanted = new Wanted(code, HexFormat.of().formatHex(hash), new CompletableFuture<>());
        Shard shard = shards.get(Math.floorMod(hash[0] * 31 + hash[1], shards.size()));
        if (!running) {
            answer(List.of(wanted)); // before the writers start or after they stopped: alone
        } else if (shard.queue().isEmpty() && shard.writing().tryLock()) {
            // nobody waiting and nothing being written: write it now, without a hand-over to the writer
            try {
                answer(List.of(wanted));
            } finally {
                shard.writing().unlock();
            }
        } else {
            shard.queue().add(wanted);
            if (!running && shard.queue().remove(wanted)) {
                answer(List.of(wanted)); // the writers stopped meanwhile
            }
        }
        try {
            return wanted.answer().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof DataAccessException dataAccess) {
                throw dataAccess;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new QueryTimeoutException("no answer from the check-in writer within " + PATIENCE, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QueryTimeoutException("interrupted while waiting for the check-in writer", e);
        }
    }

    private void write(Shard shard) {
        List<Wanted> group = new ArrayList<>(GROUP);
        while (running || !shard.queue().isEmpty()) {
            try {
                Wanted first = shard.queue().poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                shard.writing().lock();
                try {
                    group.add(first);
                    shard.queue().drainTo(group, GROUP - 1); // what came while waiting for the lock goes too
                    answer(group);
                } finally {
                    shard.writing().unlock();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("check-in writer: a group of {} failed unexpectedly", group.size(), e);
                group.forEach(w -> w.answer().completeExceptionally(e));
            } finally {
                group.clear();
            }
        }
    }

    /** Writes a group and completes each of its answers. */
    private void answer(List<Wanted> group) {
        // one row per distinct (venue, token): the group's repeats get that row as a same visit
        Map<String, List<Wanted>> distinct = new LinkedHashMap<>();
        for (Wanted w : group) {
            distinct.computeIfAbsent(w.code().value() + w.hash(), k -> new ArrayList<>(1)).add(w);
        }
        List<List<Wanted>> rows = new ArrayList<>(distinct.values());
        Map<Integer, Checkins.Returning> done;
        try {
            done = writeGroup(rows);
        } catch (DataAccessException e) {
            if (rows.size() == 1) {
                group.forEach(w -> w.answer().completeExceptionally(e));
                return;
            }
            log.warn("check-in writer: a group of {} failed ({}); writing them one by one", rows.size(), e.getClass().getSimpleName());
            rows.forEach(same -> answer(same));
            return;
        }
        for (int i = 0; i < rows.size(); i++) {
            Checkins.Returning result = done.get(i + 1);
            List<Wanted> same = rows.get(i);
            same.getFirst().answer().complete(Optional.ofNullable(result));
            for (Wanted repeat : same.subList(1, same.size())) {
                repeat.answer().complete(Optional.ofNullable(result).map(ReturningCheckins::asRepeat));
            }
        }
    }

    private Map<Integer, Checkins.Returning> writeGroup(List<List<Wanted>> rows) {
        Instant now = clock.instant();
        String[] codes = new String[rows.size()];
        String[] hashes = new String[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            codes[i] = rows.get(i).getFirst().code().value();
            hashes[i] = rows.get(i).getFirst().hash();
        }
        Map<Integer, Checkins.Returning> done = new HashMap<>();
        // the statement lives in the function checkin_returning_group (migration V20261127170001), which keeps its plan
        jdbc.sql("select * from checkin_returning_group(:codes::text[], :hashes::text[], :now::timestamptz, "
                        + ":stale::timestamptz, :since::timestamptz)")
                .param("codes", codes).param("hashes", hashes).param("now", Timestamp.from(now))
                .param("stale", Timestamp.from(now.minus(LAST_SEEN_STEP)))
                .param("since", Timestamp.from(now.minus(properties.sameVisitWindow())))
                .query(rs -> {
                    done.putIfAbsent(rs.getInt(1), new Checkins.Returning(rs.getLong(2), rs.getLong(3), rs.getString(4),
                            rs.getString(5), rs.getBoolean(6)));
                });
        return done;
    }

    private static Checkins.Returning asRepeat(Checkins.Returning first) {
        return new Checkins.Returning(first.checkinId(), first.visitorId(), first.venueCode(), first.venueName(), true);
    }

    @Override
    public void start() {
        running = true;
        for (int i = 0; i < shards.size(); i++) {
            Shard shard = shards.get(i);
            writers.add(Thread.ofPlatform().daemon().name("checkin-writer-" + i).start(() -> write(shard)));
        }
    }

    @Override
    public void stop() {
        running = false;
        for (Thread writer : writers) {
            try {
                writer.join(PATIENCE.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        writers.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
