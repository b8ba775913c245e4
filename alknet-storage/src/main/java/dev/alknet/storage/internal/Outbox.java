package dev.alknet.storage.internal;

import dev.alknet.storage.StorageException;
import dev.alknet.storage.StreamEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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

    /** Most events one stored row holds. */
    static final int GROUP_EVENTS = 256;
    /** A group is closed before its payloads pass this many characters (a single larger event is stored alone). */
    static final int GROUP_CHARS = 1 << 20;

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

    /**
     * As {@link #appendAll}, with payloads already written as JSON text that storage may keep. Consecutive events
     * are stored in groups of up to {@value #GROUP_EVENTS} (and about {@value #GROUP_CHARS} characters): a row per
     * event doubled the rows a batched change writes.
     */
    long appendTexts(Connection c, String stream, String type, List<String> texts, long now) throws SQLException {
        // The upsert takes the stream row's lock (PostgreSQL) until commit: appenders of one stream queue up, so
        // positions are gap-free and commit in order.
        long head = Sql.one(c, "INSERT INTO streams (name, head, updated_at) VALUES (?, ?, ?) ON CONFLICT (name) "
                + "DO UPDATE SET head = streams.head + excluded.head, updated_at = excluded.updated_at RETURNING head",
                rs -> rs.getLong(1), stream, (long) texts.size(), now).orElseThrow();
        long position = head - texts.size();
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO stream_events (stream, position, type, "
                + "payload, created_at, event_count) VALUES (?, ?, ?, ?, ?, ?)")) {
            int from = 0;
            while (from < texts.size()) {
                int to = groupEnd(texts, from);
                position += to - from;
                String payload = to - from == 1 ? texts.get(from)
                        : "[" + String.join(",", texts.subList(from, to)) + "]";
                Sql.bind(insert, stream, position, type, payload, now, to - from);
                insert.addBatch();
                from = to;
            }
            insert.executeBatch();
        }
        db.announce(c, stream);
        return head;
    }

    private static int groupEnd(List<String> texts, int from) {
        int to = from;
        long chars = 0;
        while (to < texts.size() && to - from < GROUP_EVENTS) {
            chars += texts.get(to).length();
            if (to > from && chars > GROUP_CHARS) {
                break;
            }
            to++;
        }
        return to;
    }

    /**
     * Up to {@code limit} events of {@code stream} after {@code afterPosition}, in order, groups expanded. A row's
     * position is its last event's, so the rows with events after the cursor are those with a greater position.
     */
    static List<StreamEvent> read(Connection c, String stream, long afterPosition, int limit) throws SQLException {
        List<StreamEvent> events = new ArrayList<>();
        for (Group group : Sql.list(c, "SELECT stream, position, type, payload, created_at, event_count FROM "
                + "stream_events WHERE stream = ? AND position > ? ORDER BY position LIMIT ?", Outbox::group, stream,
                afterPosition, limit)) {
            group.expand(afterPosition, limit - events.size(), events);
            if (events.size() == limit) {
                break;
            }
        }
        return events;
    }

    /** One row: {@code count} events ending at {@code last}; the payload is an array of theirs when more than one. */
    private record Group(String stream, long last, String type, String payload, Instant at, int count) {

        void expand(long afterPosition, int room, List<StreamEvent> out) {
            long first = last - count + 1;
            if (count == 1) {
                out.add(new StreamEvent(stream, last, type, Json.read(payload), at));
                return;
            }
            JsonNode payloads = Json.read(payload);
            if (!payloads.isArray() || payloads.size() != count) {
                throw new StorageException(StorageException.Kind.UNAVAILABLE, "stored event group of " + stream
                        + " at " + last + " does not hold " + count + " events");
            }
            for (long p = Math.max(first, afterPosition + 1); p <= last && room > 0; p++, room--) {
                out.add(new StreamEvent(stream, p, type, payloads.get((int) (p - first)), at));
            }
        }
    }

    private static Group group(ResultSet rs) throws SQLException {
        return new Group(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                Instant.ofEpochSecond(rs.getLong(5)), rs.getInt(6));
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
