package dev.alknet.storage;

import dev.alknet.storage.internal.Database;
import java.util.Objects;

/**
 * The node's durable state: opens (and migrates) the database named by a {@link StorageConfig} and hands out the
 * parts of the storage API over it. Thread-safe; close it to release the connections.
 *
 * <pre>{@code
 * try (StorageService storage = StorageService.open(StorageConfig.inDataDir(dataDir))) {
 *     ...
 * }
 * }</pre>
 */
public final class StorageService implements AutoCloseable {

    private final Database db;

    private StorageService(Database db) {
        this.db = db;
    }

    /**
     * Opens the database, creating the SQLite file and its directory when missing, and migrates it to the current
     * schema.
     *
     * @throws StorageException of kind {@code UNAVAILABLE} when the database cannot be reached or migrated
     */
    public static StorageService open(StorageConfig config) {
        Objects.requireNonNull(config, "config");
        return new StorageService(Database.open(config));
    }

    public Dialect dialect() {
        return db.dialect();
    }

    @Override
    public void close() {
        db.close();
    }
}
