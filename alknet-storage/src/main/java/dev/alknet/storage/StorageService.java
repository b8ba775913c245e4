package dev.alknet.storage;

import dev.alknet.storage.internal.Database;
import dev.alknet.storage.internal.JdbcMetagraph;
import java.time.Clock;
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
    private final Metagraph metagraph;

    private StorageService(Database db, Clock clock) {
        this.db = db;
        this.metagraph = new JdbcMetagraph(db, clock);
    }

    /**
     * Opens the database, creating the SQLite file and its directory when missing, and migrates it to the current
     * schema.
     *
     * @throws StorageException of kind {@code UNAVAILABLE} when the database cannot be reached or migrated
     */
    public static StorageService open(StorageConfig config) {
        return open(config, Clock.systemUTC());
    }

    /** As {@link #open(StorageConfig)}; {@code clock} stamps rows and decides expiry. */
    public static StorageService open(StorageConfig config, Clock clock) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(clock, "clock");
        return new StorageService(Database.open(config), clock);
    }

    /** Typed graphs with schema-checked attributes. */
    public Metagraph metagraph() {
        return metagraph;
    }

    public Dialect dialect() {
        return db.dialect();
    }

    @Override
    public void close() {
        db.close();
    }
}
