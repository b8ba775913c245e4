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
 */
final class PostgresDatabase implements Database {

    private static final int ATTEMPTS = 5;

    private final HikariDataSource pool;
    private final StorageConfig config;
    private final ThreadLocal<Boolean> writing = ThreadLocal.withInitial(() -> false);

    PostgresDatabase(StorageConfig config) {
        this.config = config;
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("alknet-storage");
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
                    config.password()), onChange, onNotification);
        } catch (Exception e) {
            throw new StorageException(StorageException.Kind.UNAVAILABLE, "cannot listen for changes: " + e, e);
        }
    }

    @Override
    public void notify(String channel, String payload) {
        // One server channel for all of ours: application channel names need no quoting as identifiers, and one
        // LISTEN per service hears them all. The channel cannot contain a newline (no control characters).
        read(c -> Sql.one(c, "SELECT pg_notify(?, ?)", rs -> true, ChangeWatcher.NOTIFY_CHANNEL,
                channel + ChangeWatcher.NOTIFY_SEPARATOR + payload));
    }

    @Override
    public void close() {
        pool.close();
    }
}
