package dev.alknet.storage.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices commits made by other processes (or other {@code StorageService}s) on the same database and tells the
 * outbox, so subscribers wake at once instead of at their poll interval: PostgreSQL through LISTEN/NOTIFY on
 * {@value #CHANNEL} or a tenant's channel (publishers notify in their transaction, so the notice comes with the commit), SQLite by
 * polling {@code PRAGMA data_version}, which changes when another connection commits. On PostgreSQL the same
 * connection also receives the ephemeral notifications of {@code Notifications}.
 *
 * <p>A watcher whose connection fails (a restarted server, a dropped connection) opens a new one, backing off up to
 * {@link #MAX_BACKOFF}, and then reports a change, since commits may have gone unseen meanwhile; notifications sent
 * while it was away are lost, as ephemeral notifications are.
 */
final class ChangeWatcher implements AutoCloseable {

    /** The system database's channel of commits; a tenant's adds {@code _<schema>}. */
    static final String CHANNEL = "alknet_streams";
    /**
     * The system database's channel of ephemeral notifications, whose payloads are {@code <channel>\n<payload>}; a
     * tenant's adds {@code _<schema>}.
     */
    static final String NOTIFY_CHANNEL = "alknet_notify";
    static final String NOTIFY_SEPARATOR = "\n";
    static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(ChangeWatcher.class);
    private static final Duration SQLITE_POLL = Duration.ofMillis(50);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    private static final int PG_WAIT_MS = 500;

    /** Blocks until something may have changed (or a short timeout); true when it did. */
    @FunctionalInterface
    private interface Probe {
        boolean changed() throws SQLException, InterruptedException;
    }

    /** Prepares a fresh connection (e.g. LISTEN) and returns the probe that watches through it. */
    @FunctionalInterface
    private interface Watch {
        Probe on(Connection c) throws SQLException;
    }

    private final Callable<Connection> open;
    private final Watch watch;
    private final Runnable onChange;
    private final Thread thread;
    private volatile Connection connection;
    private volatile boolean closed;

    /** Opens the first connection here, so a database that cannot be watched fails {@code open} at once. */
    private ChangeWatcher(Callable<Connection> open, Watch watch, Runnable onChange) throws Exception {
        this.open = open;
        this.watch = watch;
        this.onChange = onChange;
        Connection first = open.call();
        Probe probe;
        try {
            probe = watch.on(first);
        } catch (SQLException e) {
            first.close();
            throw e;
        }
        this.connection = first;
        this.thread = new Thread(() -> loop(probe), "alknet-storage-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    static ChangeWatcher sqlite(Callable<Connection> open, Runnable onChange) throws Exception {
        return new ChangeWatcher(open, c -> {
            long[] last = {dataVersion(c)};
            return () -> {
                Thread.sleep(SQLITE_POLL.toMillis());
                long now = dataVersion(c);
                boolean changed = now != last[0];
                last[0] = now;
                return changed;
            };
        }, onChange);
    }

    /**
     * Listens on {@code changeChannel} and {@code notifyChannel} (identifiers that need no quoting) and hands the
     * ephemeral notifications that arrive on the latter to {@code onNotification}.
     */
    static ChangeWatcher postgres(Callable<Connection> open, String changeChannel, String notifyChannel,
            Runnable onChange, BiConsumer<String, String> onNotification) throws Exception {
        return new ChangeWatcher(open, c -> {
            try (Statement s = c.createStatement()) {
                s.execute("LISTEN " + changeChannel);
                s.execute("LISTEN " + notifyChannel);
            }
            PGConnection pg = c.unwrap(PGConnection.class);
            return () -> {
                PGNotification[] notes = pg.getNotifications(PG_WAIT_MS);
                boolean changed = false;
                for (PGNotification n : notes == null ? new PGNotification[0] : notes) {
                    if (n.getName().equals(notifyChannel)) {
                        String text = n.getParameter();
                        int split = text.indexOf(NOTIFY_SEPARATOR);
                        onNotification.accept(text.substring(0, split), text.substring(split + 1));
                    } else {
                        changed = true;
                    }
                }
                return changed;
            };
        }, onChange);
    }

    private static long dataVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA data_version")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void loop(Probe first) {
        Probe probe = first;
        // After a reconnect: commits may have gone unseen while the connection was down.
        boolean missed = false;
        while (!closed) {
            try {
                if (missed || probe.changed()) {
                    missed = false;
                    onChange.run();
                }
            } catch (InterruptedException e) {
                return;
            } catch (SQLException e) {
                if (closed) {
                    return;
                }
                // Subscriptions still poll meanwhile; losing the watcher only slows their wake-up down.
                LOG.warn("storage change watcher lost its connection, reconnecting: {}", e.getMessage());
                probe = reconnect();
                if (probe == null) {
                    return;
                }
                missed = true;
            } catch (RuntimeException e) {
                // A failing reaction (e.g. the database closing under it) must not end the watching.
                LOG.warn("storage change watcher: reacting to a change failed: {}", e.getMessage());
            }
        }
    }

    /** @return the probe on a new connection, or null once closed or interrupted */
    private Probe reconnect() {
        closeQuietly(connection);
        Duration backoff = FIRST_BACKOFF;
        while (!closed) {
            try {
                Thread.sleep(backoff.toMillis());
                Connection c = open.call();
                try {
                    Probe probe = watch.on(c);
                    connection = c;
                    LOG.info("storage change watcher reconnected");
                    return probe;
                } catch (SQLException e) {
                    closeQuietly(c);
                    throw e;
                }
            } catch (InterruptedException e) {
                return null;
            } catch (Exception e) {
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
        return null;
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // A connection that already failed.
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeQuietly(connection);
    }
}
