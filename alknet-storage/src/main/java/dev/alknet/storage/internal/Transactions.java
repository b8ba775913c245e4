package dev.alknet.storage.internal;

import dev.alknet.storage.StorageException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;

/** Commit/rollback and retry of transient conflicts, shared by both dialects. */
final class Transactions {

    /** One try of some work; may throw a transient {@link SQLException}. */
    @FunctionalInterface
    interface Attempt<T> {
        T run() throws SQLException;
    }

    private static final long FIRST_BACKOFF_MS = 5;

    private Transactions() {
    }

    /** Runs {@code work} in a transaction on {@code connection}: committed when it returns, rolled back otherwise. */
    static <T> T inTransaction(Connection connection, SqlWork<T> work) throws SQLException {
        connection.setAutoCommit(false);
        boolean committed = false;
        try {
            T result = work.run(connection);
            connection.commit();
            committed = true;
            return result;
        } finally {
            if (!committed) {
                rollbackQuietly(connection);
            }
            connection.setAutoCommit(true);
        }
    }

    /**
     * Retries {@code attempt} while it fails transiently, with jittered exponential backoff; any other
     * {@link SQLException} (or the last transient one) becomes a {@link StorageException}.
     */
    static <T> T retrying(int attempts, Attempt<T> attempt) {
        for (int i = 1; ; i++) {
            try {
                return attempt.run();
            } catch (SQLException e) {
                if (i >= attempts || !SqlErrors.isTransient(e)) {
                    throw SqlErrors.translate(e);
                }
                backOff(i);
            }
        }
    }

    private static void backOff(int attempt) {
        long max = FIRST_BACKOFF_MS << attempt;
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(FIRST_BACKOFF_MS, max + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException(StorageException.Kind.UNAVAILABLE, "interrupted while retrying a busy database");
        }
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // The original failure is the one worth reporting; a failed rollback ends with the connection anyway.
        }
    }
}
