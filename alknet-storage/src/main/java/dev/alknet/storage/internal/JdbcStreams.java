package dev.alknet.storage.internal;

import dev.alknet.storage.StorageException;
import dev.alknet.storage.StreamEvent;
import dev.alknet.storage.StreamSubscription;
import dev.alknet.storage.Streams;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Flow;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;

/** {@link Streams} over the outbox tables. */
public final class JdbcStreams implements Streams {

    /** Largest batch one read returns. */
    public static final int MAX_READ = 1000;

    private final Database db;
    private final Outbox outbox;
    private final Clock clock;
    private final Set<PollingSubscription> running = ConcurrentHashMap.newKeySet();
    private final Set<DemandSubscription> publishing = ConcurrentHashMap.newKeySet();

    public JdbcStreams(Database db, Outbox outbox, Clock clock) {
        this.db = Objects.requireNonNull(db, "db");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public long publish(String stream, String type, JsonNode payload) {
        Text.checkName(stream, "stream name");
        Text.checkName(type, "event type");
        Objects.requireNonNull(payload, "payload");
        long now = clock.instant().getEpochSecond();
        return outbox.write(c -> outbox.append(c, stream, type, payload, now));
    }

    @Override
    public List<StreamEvent> read(String stream, long afterPosition, int limit) {
        if (limit < 1 || limit > MAX_READ) {
            throw new StorageException(StorageException.Kind.INVALID,
                    "read limit must be between 1 and " + MAX_READ + ", got " + limit);
        }
        return db.read(c -> Outbox.read(c, stream, afterPosition, limit));
    }

    @Override
    public long offset(String stream, String consumer) {
        return db.read(c -> Sql.one(c, "SELECT position FROM stream_offsets WHERE stream = ? AND consumer = ?",
                rs -> rs.getLong(1), stream, consumer)).orElse(0L);
    }

    @Override
    public void commit(String stream, String consumer, long position) {
        Text.checkName(stream, "stream name");
        Text.checkName(consumer, "consumer name");
        long now = clock.instant().getEpochSecond();
        db.write(c -> Sql.update(c, "INSERT INTO stream_offsets (stream, consumer, position, updated_at) "
                + "VALUES (?, ?, ?, ?) ON CONFLICT (stream, consumer) DO UPDATE SET position = excluded.position, "
                + "updated_at = excluded.updated_at WHERE stream_offsets.position < excluded.position", stream,
                consumer, position, now));
    }

    @Override
    public StreamSubscription subscribe(String stream, String consumer, Consumer<StreamEvent> handler,
            Duration pollInterval) {
        checkSubscription(stream, consumer, pollInterval);
        Objects.requireNonNull(handler, "handler");
        PollingSubscription s = PollingSubscription.start(this, outbox, stream, consumer, handler, pollInterval,
                running::remove);
        running.add(s);
        return s;
    }

    @Override
    public Flow.Publisher<StreamEvent> publisher(String stream, String consumer, Duration pollInterval) {
        checkSubscription(stream, consumer, pollInterval);
        return subscriber -> {
            Objects.requireNonNull(subscriber, "subscriber");
            publishing.add(DemandSubscription.start(this, outbox, stream, consumer, subscriber, pollInterval,
                    publishing::remove));
        };
    }

    private static void checkSubscription(String stream, String consumer, Duration pollInterval) {
        Text.checkName(stream, "stream name");
        Text.checkName(consumer, "consumer name");
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("poll interval must be positive");
        }
    }

    /** Stops every subscription; storage calls this before it closes the database. */
    public void closeAll() {
        List.copyOf(running).forEach(PollingSubscription::close);
        List.copyOf(publishing).forEach(DemandSubscription::stop);
    }
}
