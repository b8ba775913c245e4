package dev.alknet.storage.internal;

import dev.alknet.storage.Notification;
import dev.alknet.storage.NotificationListener;
import dev.alknet.storage.Notifications;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One listener: a bounded queue drained by a thread of its own, so a slow handler delays neither the database's
 * watcher (which also wakes stream subscribers) nor other listeners.
 */
final class QueuedListener implements NotificationListener, Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(QueuedListener.class);
    /** Put in the queue by close() to end the thread once the handler is done with what it is handling. */
    private static final Notification STOP = new Notification("", "");

    private final String channel;
    private final Consumer<Notification> handler;
    private final Consumer<QueuedListener> onClose;
    private final BlockingQueue<Notification> queue = new ArrayBlockingQueue<>(Notifications.LISTENER_BUFFER + 1);
    private final AtomicLong dropped = new AtomicLong();
    private final Thread thread;
    private volatile boolean closed;

    QueuedListener(String channel, Consumer<Notification> handler, Consumer<QueuedListener> onClose) {
        this.channel = channel;
        this.handler = handler;
        this.onClose = onClose;
        this.thread = new Thread(this, "alknet-listen-" + channel);
        thread.setDaemon(true);
        thread.start();
    }

    /** Synchronized with close() so the slot kept free for STOP stays free. */
    synchronized void offer(Notification n) {
        if (closed) {
            return;
        }
        if (queue.size() >= Notifications.LISTENER_BUFFER) {
            dropped.incrementAndGet();
        } else {
            queue.add(n);
        }
    }

    @Override
    public void run() {
        try {
            for (Notification n = queue.take(); n != STOP; n = queue.take()) {
                try {
                    handler.accept(n);
                } catch (RuntimeException e) {
                    LOG.warn("listener on channel {} failed ({}); it keeps listening", channel, e.getClass().getName());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String channel() {
        return channel;
    }

    @Override
    public long dropped() {
        return dropped.get();
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            queue.clear();
            queue.add(STOP);
        }
        onClose.accept(this);
        Threads.joinUnlessCurrent(thread, 5_000);
    }
}
