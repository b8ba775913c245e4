package dev.alknet.storage.internal;

import dev.alknet.storage.StreamEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
        return appendAll(c, stream, type, List.of(payload), now);
    }

    /**
     * Appends events of one type to {@code stream} in the caller's transaction, at consecutive positions.
     *
     * @return the position of the last one
     */
    long appendAll(Connection c, String stream, String type, List<JsonNode> payloads, long now) throws SQLException {
        List<String> texts = new ArrayList<>(payloads.size());
        for (JsonNode p : payloads) {
            texts.add(Json.write(p, "payload of " + type + " event"));
        }
        return appendTexts(c, stream, type, texts, now);
    }

    /** As {@link #appendAll}, with payloads already written as JSON text that storage may keep. */
    long appendTexts(Connection c, String stream, String type, List<String> texts, long now) throws SQLException {
        // The upsert takes the stream row's lock (PostgreSQL) until commit: appenders of one stream queue up, so
        // positions are gap-free and commit in order.
        long head = Sql.one(c, "INSERT INTO streams (name, head, updated_at) VALUES (?, ?, ?) ON CONFLICT (name) "
                + "DO UPDATE SET head = streams.head + excluded.head, updated_at = excluded.updated_at RETURNING head",
                rs -> rs.getLong(1), stream, (long) texts.size(), now).orElseThrow();
        long position = head - texts.size();
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO stream_events (stream, position, type, "
                + "payload, created_at) VALUES (?, ?, ?, ?, ?)")) {
            for (String text : texts) {
                Sql.bind(insert, stream, ++position, type, text, now);
                insert.addBatch();
            }
            insert.executeBatch();
        }
        db.announce(c, stream);
        return head;
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

    public void signal() {
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
