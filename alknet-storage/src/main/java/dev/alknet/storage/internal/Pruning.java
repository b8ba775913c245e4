package dev.alknet.storage.internal;

import dev.alknet.storage.Retention;
import dev.alknet.storage.Streams;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes what a {@link Retention} no longer keeps, in one transaction. Stream events go only when they are older
 * than the age <em>and</em> at or below the lowest committed offset of their stream's consumers: a stream without
 * consumers keeps everything (nobody said they are done with it), and the ACL graph's stream is never pruned, since
 * the ACL index is rebuilt by replaying it from the start.
 */
public final class Pruning {

    private static final Logger LOG = LoggerFactory.getLogger(Pruning.class);

    private Pruning() {
    }

    /**
     * Runs {@code round} (pruning, e.g. by {@link #prune}) now and then every {@code interval}, on a daemon thread;
     * failures are logged and the next round tries again. Close the result to stop.
     */
    public static AutoCloseable schedule(Supplier<Retention.Pruned> round, Duration interval) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "alknet-storage-retention");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                Retention.Pruned p = round.get();
                LOG.debug("pruned {} stream events and {} audit rows", p.events(), p.auditRows());
            } catch (RuntimeException e) {
                LOG.warn("pruning failed, trying again in {}: {}", interval, e.getMessage());
            }
        }, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return () -> {
            timer.shutdownNow();
            timer.awaitTermination(5, TimeUnit.SECONDS);
        };
    }

    public static Retention.Pruned prune(Database db, Retention retention, Instant now) {
        return db.write(c -> new Retention.Pruned(events(c, retention, now), audit(c, retention, now)));
    }

    /** As {@link #prune} for a tenant's store, which keeps no audit rows. */
    public static Retention.Pruned pruneEvents(Database db, Retention retention, Instant now) {
        return db.write(c -> new Retention.Pruned(events(c, retention, now), 0));
    }

    private static long events(Connection c, Retention retention, Instant now) throws SQLException {
        if (retention.eventAge() == null) {
            return 0;
        }
        Optional<String> acl = AclMembership.aclGraph(c);
        // MIN over no offsets is NULL, and a comparison with NULL deletes nothing. A row's position is its last
        // event's, so a group goes once all of its events are behind every consumer; what is counted are events.
        List<Integer> deleted = Sql.list(c, "DELETE FROM stream_events WHERE created_at < ? AND stream <> ? AND "
                + "position <= (SELECT MIN(o.position) FROM stream_offsets o WHERE o.stream = stream_events.stream) "
                + "RETURNING event_count", rs -> rs.getInt(1), now.minus(retention.eventAge()).getEpochSecond(),
                acl.map(Streams::graph).orElse(""));
        return deleted.stream().mapToLong(Integer::longValue).sum();
    }

    private static long audit(Connection c, Retention retention, Instant now) throws SQLException {
        if (retention.auditAge() == null) {
            return 0;
        }
        return Sql.update(c, "DELETE FROM audit_logs WHERE created_at < ?",
                now.minus(retention.auditAge()).getEpochSecond());
    }
}
