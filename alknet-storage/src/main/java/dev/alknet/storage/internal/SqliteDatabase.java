package dev.alknet.storage.internal;

import dev.alknet.storage.Dialect;
import dev.alknet.storage.StorageConfig;
import dev.alknet.storage.StorageException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;
import org.sqlite.SQLiteConfig;

/**
 * SQLite in WAL mode: exactly one writer connection, taken in turn under a fair lock, and a fixed set of
 * read-only connections that never block the writer nor each other. Each connection waits up to
 * {@value #BUSY_TIMEOUT_MS} ms on a lock held by another process ({@code busy_timeout}); work that still meets
 * SQLITE_BUSY is rolled back and retried, so busy errors never reach callers while the file is usable.
 */
final class SqliteDatabase implements Database {

    static final int BUSY_TIMEOUT_MS = 5000;
    private static final int ATTEMPTS = 5;
    private static final long READER_WAIT_SECONDS = 30;

    private final Connection writer;
    private final ReentrantLock writeLock = new ReentrantLock(true);
    private final BlockingQueue<Connection> readers;
    private final List<Connection> all = new ArrayList<>();
    private final String url;
    private final Path file;
    private volatile boolean closed;

    SqliteDatabase(StorageConfig config) {
        SqliteFiles.createParentDirectory(config.jdbcUrl());
        this.url = config.jdbcUrl();
        this.file = SqliteFiles.file(url).toAbsolutePath().normalize();
        try {
            SQLiteConfig write = common();
            write.setJournalMode(SQLiteConfig.JournalMode.WAL);
            // FULL: an acknowledged commit survives power loss, not only a crash of the process.
            write.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
            // Take the write lock at BEGIN, where busy_timeout applies, not at the first write.
            write.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
            writer = write.createConnection(config.jdbcUrl());
            all.add(writer);
            SQLiteConfig read = common();
            read.setReadOnly(true);
            readers = new ArrayBlockingQueue<>(config.maxConnections());
            for (int i = 0; i < config.maxConnections(); i++) {
                Connection reader = read.createConnection(config.jdbcUrl());
                all.add(reader);
                readers.add(reader);
            }
        } catch (SQLException e) {
            close();
            throw SqlErrors.translate(e);
        }
    }

    private static SQLiteConfig common() {
        SQLiteConfig config = new SQLiteConfig();
        config.enforceForeignKeys(true);
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        return config;
    }

    @Override
    public Dialect dialect() {
        return Dialect.SQLITE;
    }

    @Override
    public <T> T read(SqlWork<T> work) {
        Connection reader = borrowReader();
        try {
            return withRetries(() -> work.run(reader));
        } finally {
            readers.add(reader);
        }
    }

    @Override
    public <T> T write(SqlWork<T> work) {
        if (writeLock.isHeldByCurrentThread()) {
            throw new IllegalStateException("storage writes do not nest; put the work in one write");
        }
        writeLock.lock();
        try {
            ensureOpen();
            return withRetries(() -> Transactions.inTransaction(writer, work));
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public AutoCloseable watchChanges(Runnable onChange, BiConsumer<String, String> onNotification) {
        try {
            SQLiteConfig read = common();
            read.setReadOnly(true);
            ChangeWatcher watcher = ChangeWatcher.sqlite(() -> read.createConnection(url), onChange);
            AutoCloseable listening = LocalNotifications.listen(file, onNotification);
            return () -> {
                listening.close();
                watcher.close();
            };
        } catch (Exception e) {
            throw new StorageException(StorageException.Kind.UNAVAILABLE, "cannot watch the database: " + e, e);
        }
    }

    @Override
    public void notify(String channel, String payload) {
        ensureOpen();
        LocalNotifications.send(file, channel, payload);
    }

    @Override
    public void announce(Connection c, String stream) {
        // Other processes' watchers poll PRAGMA data_version, which every commit changes.
    }

    private Connection borrowReader() {
        ensureOpen();
        try {
            Connection c = readers.poll(READER_WAIT_SECONDS, TimeUnit.SECONDS);
            if (c == null) {
                throw new StorageException(StorageException.Kind.UNAVAILABLE,
                        "all " + (all.size() - 1) + " SQLite reader connections stayed busy for "
                                + READER_WAIT_SECONDS + " s");
            }
            return c;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException(StorageException.Kind.UNAVAILABLE, "interrupted while waiting for a reader");
        }
    }

    private static <T> T withRetries(Transactions.Attempt<T> attempt) {
        return Transactions.retrying(ATTEMPTS, attempt);
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("storage is closed");
        }
    }

    @Override
    public void close() {
        closed = true;
        writeLock.lock();
        try {
            for (Connection c : all) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // Closing is best effort; SQLite has committed everything acknowledged already.
                }
            }
        } finally {
            writeLock.unlock();
        }
    }
}
