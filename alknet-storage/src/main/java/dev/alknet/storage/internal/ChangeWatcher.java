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
 * {@value #CHANNEL} (publishers notify in their transaction, so the notice comes with the commit), SQLite by
 * polling {@code PRAGMA data_version}, which changes when another connection commits. On PostgreSQL the same
 * connection also receives the ephemeral notifications of {@code Notifications}.
 */
final class ChangeWatcher implements AutoCloseable {

    static final String CHANNEL = "alknet_streams";
    /** The server channel of ephemeral notifications; its payloads are {@code <channel>\n<payload>}. */
    static final String NOTIFY_CHANNEL = "alknet_notify";
    static final String NOTIFY_SEPARATOR = "\n";
    private static final Logger LOG = LoggerFactory.getLogger(ChangeWatcher.class);
    private static final Duration SQLITE_POLL = Duration.ofMillis(50);
    private static final int PG_WAIT_MS = 500;

    /** Blocks until something may have changed (or a short timeout); true when it did. */
    @FunctionalInterface
    private interface Probe {
        boolean changed() throws SQLException, InterruptedException;
    }

    private final Connection connection;
    private final Thread thread;
    private volatile boolean closed;

    private ChangeWatcher(Connection connection, Probe probe, Runnable onChange) {
        this.connection = connection;
        this.thread = new Thread(() -> loop(probe, onChange), "alknet-storage-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    static ChangeWatcher sqlite(Callable<Connection> open, Runnable onChange) throws Exception {
        Connection c = open.call();
        long[] last = {dataVersion(c)};
        return new ChangeWatcher(c, () -> {
            Thread.sleep(SQLITE_POLL.toMillis());
            long now = dataVersion(c);
            boolean changed = now != last[0];
            last[0] = now;
            return changed;
        }, onChange);
    }

    /** Also hands the ephemeral notifications that arrive on the same connection to {@code onNotification}. */
    static ChangeWatcher postgres(Callable<Connection> open, Runnable onChange,
            BiConsumer<String, String> onNotification) throws Exception {
        Connection c = open.call();
        try (Statement s = c.createStatement()) {
            s.execute("LISTEN " + CHANNEL);
            s.execute("LISTEN " + NOTIFY_CHANNEL);
        }
        PGConnection pg = c.unwrap(PGConnection.class);
        return new ChangeWatcher(c, () -> {
            PGNotification[] notes = pg.getNotifications(PG_WAIT_MS);
            boolean changed = false;
            for (PGNotification n : notes == null ? new PGNotification[0] : notes) {
                if (n.getName().equals(NOTIFY_CHANNEL)) {
                    String text = n.getParameter();
                    int split = text.indexOf(NOTIFY_SEPARATOR);
                    onNotification.accept(text.substring(0, split), text.substring(split + 1));
                } else {
                    changed = true;
                }
            }
            return changed;
        }, onChange);
    }

    private static long dataVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA data_version")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void loop(Probe probe, Runnable onChange) {
        while (!closed) {
            try {
                if (probe.changed()) {
                    onChange.run();
                }
            } catch (InterruptedException e) {
                return;
            } catch (SQLException e) {
                if (!closed) {
                    // Subscriptions still poll; losing the watcher only slows their wake-up down.
                    LOG.warn("storage change watcher stopped, subscribers fall back to polling: {}", e.getMessage());
                }
                return;
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(2_000);
            connection.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SQLException ignored) {
            // Closing a watcher connection that already failed.
        }
    }
}
