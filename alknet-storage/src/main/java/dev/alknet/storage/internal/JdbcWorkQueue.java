package dev.alknet.storage.internal;

import dev.alknet.storage.Dialect;
import dev.alknet.storage.Job;
import dev.alknet.storage.StorageException;
import dev.alknet.storage.WorkQueue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** {@link WorkQueue} over the {@code queue_jobs} table. */
public final class JdbcWorkQueue implements WorkQueue {

    private final Database db;
    private final Clock clock;
    private final String pickOldest;

    public JdbcWorkQueue(Database db, Clock clock) {
        this.db = Objects.requireNonNull(db, "db");
        this.clock = Objects.requireNonNull(clock, "clock");
        // PostgreSQL claimers skip rows another claimer has locked; SQLite's single writer serializes claims.
        this.pickOldest = "SELECT id, payload, attempts FROM queue_jobs WHERE queue = ? AND available_at <= ? "
                + "ORDER BY available_at, created_at, id LIMIT 1"
                + (db.dialect() == Dialect.POSTGRESQL ? " FOR UPDATE SKIP LOCKED" : "");
    }

    @Override
    public String enqueue(String queue, JsonNode payload, Duration delay) {
        Text.checkName(queue, "queue name");
        String text = Json.write(Objects.requireNonNull(payload, "payload"), "job payload");
        requireNotNegative(delay, "delay");
        String id = JdbcMetagraph.newId();
        long now = clock.millis();
        db.write(c -> Sql.update(c, "INSERT INTO queue_jobs (id, queue, payload, attempts, available_at, created_at, "
                + "updated_at) VALUES (?, ?, ?, 0, ?, ?, ?)", id, queue, text, now + delay.toMillis(), now, now));
        return id;
    }

    @Override
    public Optional<Job> claim(String queue, String worker, Duration visibilityTimeout) {
        Text.checkName(queue, "queue name");
        Text.checkName(worker, "worker name");
        if (visibilityTimeout.isNegative() || visibilityTimeout.isZero()) {
            throw new StorageException(StorageException.Kind.INVALID, "visibility timeout must be positive");
        }
        long now = clock.millis();
        long until = now + visibilityTimeout.toMillis();
        String token = UUID.randomUUID().toString();
        return db.write(c -> {
            Optional<Job> picked = Sql.one(c, pickOldest, rs -> new Job(rs.getString(1), queue,
                    Json.read(rs.getString(2)), rs.getInt(3) + 1, token, Instant.ofEpochMilli(until)), queue, now);
            if (picked.isPresent()) {
                Sql.update(c, "UPDATE queue_jobs SET attempts = ?, available_at = ?, claim_token = ?, claimed_by = ?, "
                        + "updated_at = ? WHERE id = ?", picked.get().attempts(), until, token, worker, now,
                        picked.get().id());
            }
            return picked;
        });
    }

    @Override
    public boolean ack(Job job) {
        return db.write(c -> Sql.update(c, "DELETE FROM queue_jobs WHERE id = ? AND claim_token = ?", job.id(),
                job.claimToken()) > 0);
    }

    @Override
    public boolean release(Job job, Duration delay) {
        requireNotNegative(delay, "delay");
        long now = clock.millis();
        return db.write(c -> Sql.update(c, "UPDATE queue_jobs SET available_at = ?, claim_token = NULL, "
                + "claimed_by = NULL, updated_at = ? WHERE id = ? AND claim_token = ?", now + delay.toMillis(), now,
                job.id(), job.claimToken()) > 0);
    }

    @Override
    public long size(String queue) {
        return db.read(c -> Sql.one(c, "SELECT count(*) FROM queue_jobs WHERE queue = ?", rs -> rs.getLong(1), queue))
                .orElse(0L);
    }

    private static void requireNotNegative(Duration d, String what) {
        if (d.isNegative()) {
            throw new StorageException(StorageException.Kind.INVALID, what + " must not be negative");
        }
    }
}
