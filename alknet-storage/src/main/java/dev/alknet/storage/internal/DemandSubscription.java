package dev.alknet.storage.internal;

import dev.alknet.storage.StorageException;
import dev.alknet.storage.StreamEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@link Flow.Subscriber} of a durable stream, driven by its demand on a thread of its own: it reads no further
 * than the subscriber asked for, hands the events over one at a time, and commits each to the consumer's offset as
 * soon as {@code onNext} has returned for it. So the committed offset is always the last event delivered; after
 * {@code cancel()} nothing more is delivered and nothing more is committed. All signals come from that one thread,
 * so they are serial (Reactive Streams rule 1.3), and {@code request} may be called from within {@code onNext}.
 */
final class DemandSubscription implements Flow.Subscription, Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(DemandSubscription.class);
    private static final int BATCH = 100;

    private final JdbcStreams streams;
    private final Outbox outbox;
    private final String stream;
    private final String consumer;
    private final Flow.Subscriber<? super StreamEvent> subscriber;
    private final Duration pollInterval;
    private final Consumer<DemandSubscription> onEnd;
    private final Thread thread;
    private final Object lock = new Object();
    private long demand;
    private Throwable failure;
    private volatile boolean cancelled;

    private DemandSubscription(JdbcStreams streams, Outbox outbox, String stream, String consumer,
            Flow.Subscriber<? super StreamEvent> subscriber, Duration pollInterval,
            Consumer<DemandSubscription> onEnd) {
        this.streams = streams;
        this.outbox = outbox;
        this.stream = stream;
        this.consumer = consumer;
        this.subscriber = subscriber;
        this.pollInterval = pollInterval;
        this.onEnd = onEnd;
        this.thread = new Thread(this, "alknet-publisher-" + consumer);
        thread.setDaemon(true);
    }

    static DemandSubscription start(JdbcStreams streams, Outbox outbox, String stream, String consumer,
            Flow.Subscriber<? super StreamEvent> subscriber, Duration pollInterval,
            Consumer<DemandSubscription> onEnd) {
        DemandSubscription s = new DemandSubscription(streams, outbox, stream, consumer, subscriber, pollInterval,
                onEnd);
        s.thread.start();
        return s;
    }

    @Override
    public void request(long n) {
        synchronized (lock) {
            if (n <= 0) {
                if (failure == null) {
                    failure = new IllegalArgumentException("request(" + n + "): demand must be positive (rule 3.9)");
                }
            } else {
                demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
            }
            lock.notifyAll();
        }
    }

    @Override
    public void cancel() {
        cancelled = true;
        synchronized (lock) {
            lock.notifyAll();
        }
        // Wakes the thread should it be waiting for events rather than for demand.
        outbox.signal();
    }

    /** Ends the subscription with {@code onError} because storage is closing, and waits for the thread. */
    void stop() {
        synchronized (lock) {
            if (failure == null) {
                failure = new StorageException(StorageException.Kind.UNAVAILABLE, "storage was closed");
            }
            lock.notifyAll();
        }
        outbox.signal();
        Threads.joinUnlessCurrent(thread, pollInterval.toMillis() + 5_000);
    }

    @Override
    public void run() {
        try {
            subscriber.onSubscribe(this);
            long position;
            try {
                position = streams.offset(stream, consumer);
            } catch (StorageException e) {
                subscriber.onError(e);
                return;
            }
            while (awaitDemand()) {
                long seen = outbox.version();
                List<StreamEvent> batch = read(position);
                if (batch.isEmpty()) {
                    outbox.await(seen, pollInterval);
                }
                for (StreamEvent event : batch) {
                    if (cancelled || failed()) {
                        break;
                    }
                    deliver(event);
                    position = event.position();
                }
            }
            Throwable f = failed() ? failure : null;
            if (f != null && !cancelled) {
                subscriber.onError(f);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // A subscriber that throws breaks rule 2.13; it is treated as cancelled (its event was not committed).
            LOG.warn("stream {} consumer {}: subscriber threw {}; subscription cancelled", stream, consumer,
                    e.getClass().getName());
        } finally {
            onEnd.accept(this);
        }
    }

    /** @return false once cancelled or failed; true when there is demand */
    private boolean awaitDemand() throws InterruptedException {
        synchronized (lock) {
            while (demand == 0 && failure == null && !cancelled) {
                lock.wait();
            }
            return failure == null && !cancelled;
        }
    }

    private boolean failed() {
        synchronized (lock) {
            return failure != null;
        }
    }

    private List<StreamEvent> read(long position) {
        int limit;
        synchronized (lock) {
            limit = (int) Math.min(demand, BATCH);
        }
        try {
            return streams.read(stream, position, limit);
        } catch (StorageException e) {
            LOG.warn("stream {} consumer {}: database failed, retrying: {}", stream, consumer, e.getMessage());
            return List.of();
        }
    }

    private void deliver(StreamEvent event) {
        synchronized (lock) {
            if (demand != Long.MAX_VALUE) {
                demand--;
            }
        }
        subscriber.onNext(event);
        try {
            streams.commit(stream, consumer, event.position());
        } catch (StorageException e) {
            // The next commit covers this one (offsets are positions); until then a restart delivers it again.
            LOG.warn("stream {} consumer {}: offset {} not committed: {}", stream, consumer, event.position(),
                    e.getMessage());
        }
    }
}
