package dev.alknet.storage.internal;

import dev.alknet.storage.Dialect;
import dev.alknet.storage.StorageConfig;
import dev.alknet.storage.StorageException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.BiConsumer;

/**
 * Connections to one database, with transactions and retries handled so callers see either a result or a
 * {@link StorageException}. Thread-safe.
 */
public interface Database extends AutoCloseable {

    Dialect dialect();

    /** Runs {@code work} on a connection that sees the latest committed state. */
    <T> T read(SqlWork<T> work);

    /**
     * Runs {@code work} in one transaction and commits it; on any exception the transaction is rolled back, so
     * nothing of it is written. Transient conflicts (SQLite busy, PostgreSQL serialization failures) are retried,
     * so {@code work} must have no effects outside the transaction.
     */
    <T> T write(SqlWork<T> work);

    /**
     * Starts watching for commits made through other connections (other processes included) and runs
     * {@code onChange} after each, and hands every notification sent on this database ({@link #notify}) to
     * {@code onNotification} as (channel, payload); close the result to stop.
     */
    AutoCloseable watchChanges(Runnable onChange, BiConsumer<String, String> onNotification);

    /**
     * Sends an ephemeral notification to every watcher of this database (see {@code Notifications} for how far it
     * reaches on each dialect). The arguments are already checked.
     */
    void notify(String channel, String payload);

    /**
     * Called inside a write's transaction that appended events to {@code stream}, so that the watchers of other
     * processes hear of it when it commits: PostgreSQL notifies them; SQLite does nothing, its watchers poll.
     */
    void announce(Connection c, String stream) throws SQLException;

    @Override
    void close();

    /** Migrates the system database to the newest schema, then opens the connections. */
    static Database open(StorageConfig config) {
        Migrations.migrateSystem(config);
        return switch (config.dialect()) {
            case SQLITE -> new SqliteDatabase(config);
            case POSTGRESQL -> new PostgresDatabase(config, null);
        };
    }
}
