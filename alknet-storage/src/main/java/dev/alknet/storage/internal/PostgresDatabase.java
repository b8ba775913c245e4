package dev.alknet.storage.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import dev.alknet.storage.Dialect;
import dev.alknet.storage.StorageConfig;
import dev.alknet.storage.StorageException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.function.BiConsumer;

/**
 * PostgreSQL through a small HikariCP pool. Strings are sent untyped ({@code stringtype=unspecified}) so that the
 * same SQL binds JSON text to {@code jsonb} columns on PostgreSQL and to {@code TEXT} on SQLite. Serialization
 * failures and deadlocks are retried.
 *
 * <p>A tenant's store is a schema of the system database: its connections search only that schema, and its
 * watcher channels carry the schema's name, since LISTEN/NOTIFY channels are shared by the whole database.
 */
final class PostgresDatabase implements Database {

    private static final int ATTEMPTS = 5;

    private final HikariDataSource pool;
    private final StorageConfig config;
    /** Where commits are announced, and where ephemeral notifications travel. */
    private final String changeChannel;
    private final String notifyChannel;
    private final ThreadLocal<Boolean> writing = ThreadLocal.withInitial(() -> false);

    /** @param schema a tenant's schema (a checked identifier), or null for the system database as the URL says */
    PostgresDatabase(StorageConfig config, String schema) {
        this.config = config;
        String suffix = schema == null ? "" : "_" + schema;
        this.changeChannel = ChangeWatcher.CHANNEL + suffix;
        this.notifyChannel = ChangeWatcher.NOTIFY_CHANNEL + suffix;
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("alknet-storage" + suffix);
        hikari.setSchema(schema);
        hikari.setJdbcUrl(config.jdbcUrl());
        hikari.setUsername(config.user());
        hikari.setPassword(config.password());
        hikari.setMaximumPoolSize(config.maxConnections());
        hikari.setMinimumIdle(1);
        hikari.addDataSourceProperty("stringtype", "unspecified");
        // Batches of inserts (addNodes, events) go as multi-row INSERTs: one statement per 128 rows, not per row.
        hikari.addDataSourceProperty("reWriteBatchedInserts", "true");
        try {
            pool = new HikariDataSource(hikari);
        } catch (HikariPool.PoolInitializationException e) {
            throw new StorageException(StorageException.Kind.UNAVAILABLE,
                    "cannot connect to PostgreSQL: " + e.getMessage(), e);
        }
    }

    @Override
    public Dialect dialect() {
        return Dialect.POSTGRESQL;
    }

    @Override
    public <T> T read(SqlWork<T> work) {
        ensureOpen();
        return Transactions.retrying(ATTEMPTS, () -> {
            try (Connection c = pool.getConnection()) {
                return work.run(c);
            }
        });
    }

    @Override
    public <T> T write(SqlWork<T> work) {
        if (writing.get()) {
            throw new IllegalStateException("storage writes do not nest; put the work in one write");
        }
        ensureOpen();
        writing.set(true);
        try {
            return Transactions.retrying(ATTEMPTS, () -> {
                try (Connection c = pool.getConnection()) {
                    return Transactions.inTransaction(c, work);
                }
            });
        } finally {
            writing.set(false);
        }
    }

    @Override
    public AutoCloseable watchChanges(Runnable onChange, BiConsumer<String, String> onNotification) {
        try {
            // A connection of its own: LISTEN holds it for as long as the watcher runs.
            return ChangeWatcher.postgres(() -> DriverManager.getConnection(config.jdbcUrl(), config.user(),
                    config.password()), changeChannel, notifyChannel, onChange, onNotification);
        } catch (Exception e) {
            throw new StorageException(StorageException.Kind.UNAVAILABLE, "cannot listen for changes: " + e, e);
        }
    }

    @Override
    public void notify(String channel, String payload) {
        // One server channel for all of ours: application channel names need no quoting as identifiers, and one
        // LISTEN per service hears them all. The channel cannot contain a newline (no control characters).
        read(c -> Sql.one(c, "SELECT pg_notify(?, ?)", rs -> true, notifyChannel,
                channel + ChangeWatcher.NOTIFY_SEPARATOR + payload));
    }

    @Override
    public void announce(Connection c, String stream) throws SQLException {
        // Delivered when the transaction commits: wakes subscribers in other processes (ChangeWatcher).
        Sql.one(c, "SELECT pg_notify(?, ?)", rs -> true, changeChannel, stream);
    }

    /** As on SQLite: using closed storage is the caller's mistake, not a database failure. */
    private void ensureOpen() {
        if (pool.isClosed()) {
            throw new IllegalStateException("storage is closed");
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
