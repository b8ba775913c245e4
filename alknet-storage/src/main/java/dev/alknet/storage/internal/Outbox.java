package dev.alknet.storage.internal;

import dev.alknet.storage.StreamEvent;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * Appends events inside the writer's transaction and wakes this process's subscribers once that transaction has
 * committed. Every storage write that publishes goes through {@link #write}, so no event is ever announced before
 * it is visible, nor written without its change.
 */
public final class Outbox {

    private final Database db;
    private final Object monitor = new Object();
    private long version;

    public Outbox(Database db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    /** Runs {@code work} as {@link Database#write} does, then wakes the subscribers. */
    public <T> T write(SqlWork<T> work) {
        T result = db.write(work);
        signal();
        return result;
    }

    /**
     * Appends one event to {@code stream} in the caller's transaction.
     *
     * @return its position: the stream's previous head + 1
     */
    long append(Connection c, String stream, String type, JsonNode payload, long now) throws SQLException {
        String text = Json.write(payload, "payload of " + type + " event");
        // The upsert takes the stream row's lock (PostgreSQL) until commit: appenders of one stream queue up, so
        // positions are gap-free and commit in order.
        long position = Sql.one(c, "INSERT INTO streams (name, head, updated_at) VALUES (?, 1, ?) ON CONFLICT (name) "
                + "DO UPDATE SET head = streams.head + 1, updated_at = excluded.updated_at RETURNING head",
                rs -> rs.getLong(1), stream, now).orElseThrow();
        Sql.update(c, "INSERT INTO stream_events (stream, position, type, payload, created_at) VALUES (?, ?, ?, ?, ?)",
                stream, position, type, text, now);
        return position;
    }

    static StreamEvent event(java.sql.ResultSet rs) throws SQLException {
        return new StreamEvent(rs.getString(1), rs.getLong(2), rs.getString(3), Json.read(rs.getString(4)),
                Instant.ofEpochSecond(rs.getLong(5)));
    }

    long version() {
        synchronized (monitor) {
            return version;
        }
    }

    void signal() {
        synchronized (monitor) {
            version++;
            monitor.notifyAll();
        }
    }

    /** Waits until something was published after {@code seen}, or {@code timeout} passed. */
    void await(long seen, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (monitor) {
            while (version == seen) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                monitor.wait(left / 1_000_000, (int) (left % 1_000_000));
            }
        }
    }
}
