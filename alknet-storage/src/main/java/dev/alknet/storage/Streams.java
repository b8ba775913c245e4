package dev.alknet.storage;

import java.time.Duration;
import java.util.List;
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
}
