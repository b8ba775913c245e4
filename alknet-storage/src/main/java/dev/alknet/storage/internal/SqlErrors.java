package dev.alknet.storage.internal;

import dev.alknet.storage.StorageException;
import java.sql.SQLException;
import java.util.Locale;

/**
 * Turns driver exceptions into {@link StorageException}s. Callers check names and references first and give
 * precise messages; this is the backstop for races between two writers and for the database's own checks.
 */
final class SqlErrors {

    private static final int SQLITE_BUSY = 5;
    private static final int SQLITE_LOCKED = 6;
    private static final int SQLITE_CONSTRAINT = 19;

    private SqlErrors() {
    }

    /** SQLite busy/locked, or a PostgreSQL serialization failure or deadlock: the same work may succeed later. */
    static boolean isTransient(SQLException e) {
        String state = e.getSQLState();
        if ("40001".equals(state) || "40P01".equals(state)) {
            return true;
        }
        int code = e.getErrorCode() & 0xff;
        return (code == SQLITE_BUSY || code == SQLITE_LOCKED) && isSqlite(e);
    }

    /** A unique constraint refused a row; for a batch, the driver may chain the row's error behind its own. */
    static boolean isUniqueViolation(SQLException e) {
        for (SQLException next = e; next != null; next = next.getNextException()) {
            boolean sqliteConstraint = isSqlite(next) && (next.getErrorCode() & 0xff) == SQLITE_CONSTRAINT;
            String message = next.getMessage() == null ? "" : next.getMessage().toUpperCase(Locale.ROOT);
            if ("23505".equals(next.getSQLState()) || sqliteConstraint && message.contains("UNIQUE")) {
                return true;
            }
        }
        return false;
    }

    static StorageException translate(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String message = e.getMessage() == null ? "" : e.getMessage();
        boolean sqliteConstraint = isSqlite(e) && (e.getErrorCode() & 0xff) == SQLITE_CONSTRAINT;
        String upper = message.toUpperCase(Locale.ROOT);
        if (isUniqueViolation(e)) {
            return new StorageException(StorageException.Kind.ALREADY_EXISTS,
                    "already exists (database constraint: " + message + ")", e);
        }
        if (state.equals("23503") || sqliteConstraint && upper.contains("FOREIGN KEY")) {
            return new StorageException(StorageException.Kind.NOT_FOUND,
                    "refers to a row that does not exist, or is still referred to (database constraint: " + message
                            + ")", e);
        }
        if (state.startsWith("23") || sqliteConstraint) {
            return new StorageException(StorageException.Kind.INVALID, "rejected by the database: " + message, e);
        }
        if (isTransient(e) || state.startsWith("08")) {
            return new StorageException(StorageException.Kind.UNAVAILABLE, "database unavailable: " + message, e);
        }
        return new StorageException(StorageException.Kind.UNAVAILABLE, "database error: " + message, e);
    }

    private static boolean isSqlite(SQLException e) {
        return e instanceof org.sqlite.SQLiteException;
    }
}
