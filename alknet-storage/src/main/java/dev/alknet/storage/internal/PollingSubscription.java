package dev.alknet.storage.internal;

import dev.alknet.storage.StorageException;
import dev.alknet.storage.StreamEvent;
import dev.alknet.storage.StreamSubscription;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One subscriber's delivery loop on a daemon thread: read after the committed offset, hand each event over, commit
 * it, and when caught up wait for a local publish or the poll interval (which is how events written by another
 * process arrive).
 */
final class PollingSubscription implements StreamSubscription, Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(PollingSubscription.class);
    private static final int BATCH = 100;

    private final JdbcStreams streams;
    private final Outbox outbox;
    private final String stream;
    private final String consumer;
    private final Consumer<StreamEvent> handler;
    private final Duration pollInterval;
    private final Thread thread;
    private final Consumer<PollingSubscription> onClose;
    private volatile boolean closed;
    private volatile long position;

    private PollingSubscription(JdbcStreams streams, Outbox outbox, String stream, String consumer,
            Consumer<StreamEvent> handler, Duration pollInterval, Consumer<PollingSubscription> onClose) {
        this.streams = streams;
        this.onClose = onClose;
        this.outbox = outbox;
        this.stream = stream;
        this.consumer = consumer;
        this.handler = handler;
        this.pollInterval = pollInterval;
        this.position = streams.offset(stream, consumer);
        this.thread = new Thread(this, "alknet-stream-" + consumer);
        thread.setDaemon(true);
    }

    static PollingSubscription start(JdbcStreams streams, Outbox outbox, String stream, String consumer,
            Consumer<StreamEvent> handler, Duration pollInterval, Consumer<PollingSubscription> onClose) {
        PollingSubscription s = new PollingSubscription(streams, outbox, stream, consumer, handler, pollInterval,
                onClose);
        s.thread.start();
        return s;
    }

    @Override
    public void run() {
        try {
            while (!closed) {
                long seen = outbox.version();
                boolean more;
                try {
                    more = deliverBatch();
                } catch (StorageException e) {
                    LOG.warn("stream {} consumer {}: database failed, retrying: {}", stream, consumer, e.getMessage());
                    more = false;
                }
                if (!more) {
                    outbox.await(seen, pollInterval);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** @return whether events were handled (so there may be more right away) */
    private boolean deliverBatch() throws InterruptedException {
        List<StreamEvent> batch = streams.read(stream, position, BATCH);
        for (StreamEvent event : batch) {
            if (closed) {
                return false;
            }
            try {
                handler.accept(event);
            } catch (RuntimeException e) {
                LOG.warn("stream {} consumer {}: handler failed at position {} ({}); it will get the event again",
                        stream, consumer, event.position(), e.getClass().getName());
                outbox.await(outbox.version(), pollInterval);
                return true;
            }
            streams.commit(stream, consumer, event.position());
            position = event.position();
        }
        return !batch.isEmpty();
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public void close() {
        closed = true;
        onClose.accept(this);
        outbox.signal();
        Threads.joinUnlessCurrent(thread, pollInterval.toMillis() + 5_000);
    }
}
