package dev.alknet.storage;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;

/**
 * Durable streams of domain events with per-consumer offsets (the transactional outbox).
 *
 * <p>Storage publishes its own events in the transaction of the change they describe: {@code graph:<graphId>}
 * carries {@code node.*} and {@code edge.*} events, {@code graphs} carries {@code graph.*} events, and
 * {@code identities} carries the identity changes (the same actions as the audit log). A change that is rolled back
 * leaves no event; a committed change always has its events.
 *
 * <p>Delivery is at least once: a subscriber's offset moves only after its handler returned, so after a crash or a
 * handler failure the event comes again.
 */
public interface Streams {

    /** The streams storage writes to. */
    String GRAPHS = "graphs";
    String IDENTITIES = "identities";

    /** The stream of the nodes and edges of one graph. */
    static String graph(String graphId) {
        return "graph:" + graphId;
    }

    /**
     * Appends an application event in its own transaction.
     *
     * @return its position
     */
    long publish(String stream, String type, JsonNode payload);

    /** Up to {@code limit} events after {@code afterPosition}, in order. */
    List<StreamEvent> read(String stream, long afterPosition, int limit);

    /** The last position {@code consumer} committed on {@code stream}; 0 before its first commit. */
    long offset(String stream, String consumer);

    /** Records that {@code consumer} handled everything up to {@code position}; an offset never moves back. */
    void commit(String stream, String consumer, long position);

    /**
     * Delivers the events after {@code consumer}'s committed offset to {@code handler}, one at a time and in order,
     * committing each after the handler returns, on a thread of its own. Publishes in this process wake it at once;
     * events written by another process are picked up within {@code pollInterval}. A handler that throws gets the
     * same event again after {@code pollInterval}.
     */
    StreamSubscription subscribe(String stream, String consumer, Consumer<StreamEvent> handler,
            Duration pollInterval);

    /**
     * The events after {@code consumer}'s committed offset as a Reactive Streams publisher with back-pressure. Each
     * {@code subscribe} starts a subscription on a thread of its own that signals {@code onSubscribe}, then at most
     * as many {@code onNext} as were requested, in order, waking as {@link #subscribe} does when events arrive.
     *
     * <p>Offsets: an event is committed for {@code consumer} as soon as {@code onNext} returned for it, so the
     * committed offset is always the last event delivered — also when the subscriber cancels from within
     * {@code onNext}. Events not yet requested are neither read ahead nor committed, so after {@code cancel()} a new
     * subscription (or a restarted node) starts exactly after the last delivered event; only a crash between an
     * {@code onNext} and its commit delivers that event again. Do the work inside {@code onNext} (or commit yourself
     * with {@link #read}/{@link #commit}) when "delivered" must mean "processed".
     *
     * <p>A subscriber whose {@code onNext} throws is treated as cancelled (that event is not committed);
     * {@code request(n)} with {@code n <= 0} ends it with {@code onError(IllegalArgumentException)}; closing storage
     * ends it with {@code onError(StorageException)} of kind {@code UNAVAILABLE}. The stream never completes. Have one
     * subscription per consumer at a time.
     */
    Flow.Publisher<StreamEvent> publisher(String stream, String consumer, Duration pollInterval);
}
