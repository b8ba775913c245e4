package dev.alknet.storage.internal;

import java.time.Clock;
import java.util.Objects;

/**
 * What every store has, the system database and each tenant's alike: the metagraph, the streams with their outbox,
 * the work queue, notifications, and the watcher that hears other processes' commits and notifications.
 */
public final class JdbcStore implements AutoCloseable {

    private final Database db;
    private final Outbox outbox;
    private final JdbcMetagraph metagraph;
    private final JdbcStreams streams;
    private final JdbcWorkQueue queue;
    private final JdbcNotifications notifications;
    private final AutoCloseable watcher;

    /** @param onChange what else to do when another process committed, besides waking subscribers */
    public JdbcStore(Database db, Clock clock, Runnable onChange) {
        this.db = Objects.requireNonNull(db, "db");
        this.outbox = new Outbox(db);
        this.metagraph = new JdbcMetagraph(db, outbox, clock);
        this.streams = new JdbcStreams(db, outbox, clock);
        this.queue = new JdbcWorkQueue(db, clock);
        this.notifications = new JdbcNotifications(db);
        this.watcher = db.watchChanges(() -> {
            outbox.signal();
            onChange.run();
        }, notifications::deliver);
    }

    public Database db() {
        return db;
    }

    public Outbox outbox() {
        return outbox;
    }

    public JdbcMetagraph metagraph() {
        return metagraph;
    }

    public JdbcStreams streams() {
        return streams;
    }

    public JdbcWorkQueue workQueue() {
        return queue;
    }

    public JdbcNotifications notifications() {
        return notifications;
    }

    /** Ends subscriptions and listeners, stops the watcher, then closes the database. */
    @Override
    public void close() {
        streams.closeAll();
        notifications.closeAll();
        closeQuietly(watcher);
        db.close();
    }

    /** For the helpers around a database: they only speed things up or tidy; closing the database is what matters. */
    public static void closeQuietly(AutoCloseable helper) {
        try {
            helper.close();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
