package dev.alknet.storage;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where storage keeps its data.
 *
 * @param jdbcUrl {@code jdbc:sqlite:<file>} or {@code jdbc:postgresql://host:port/db}; URL parameters are passed to
 *     the driver
 * @param user database user, {@code null} for SQLite or when the URL carries it
 * @param password database password, {@code null} when none; never shown by {@link #toString()}
 * @param maxConnections PostgreSQL pool size, or the number of SQLite reader connections (SQLite always has exactly
 *     one writer connection besides them)
 * @param retention what {@code StorageService} prunes by itself every {@link #PRUNE_INTERVAL} (first soon after
 *     it opens), or {@code null} to prune only when {@code StorageService.prune} is called
 */
public record StorageConfig(String jdbcUrl, String user, String password, int maxConnections, Retention retention) {

    /** Database file name under a host's data directory. */
    public static final String DEFAULT_FILE = "system.db";

    /** Readers for SQLite and pool size for PostgreSQL when not given. */
    public static final int DEFAULT_MAX_CONNECTIONS = 4;

    /** How often a configured {@link #retention()} is applied. */
    public static final Duration PRUNE_INTERVAL = Duration.ofHours(1);

    public StorageConfig {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Dialect.of(jdbcUrl);
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1, got " + maxConnections);
        }
    }

    /** Without automatic pruning. */
    public StorageConfig(String jdbcUrl, String user, String password, int maxConnections) {
        this(jdbcUrl, user, password, maxConnections, null);
    }

    /** A SQLite database file (created with its directory when missing). */
    public static StorageConfig sqlite(Path file) {
        return new StorageConfig("jdbc:sqlite:" + file.toAbsolutePath(), null, null, DEFAULT_MAX_CONNECTIONS);
    }

    /** The default: {@value #DEFAULT_FILE} in a host's data directory. */
    public static StorageConfig inDataDir(Path dataDir) {
        return sqlite(dataDir.resolve(DEFAULT_FILE));
    }

    public static StorageConfig postgres(String jdbcUrl, String user, String password) {
        return new StorageConfig(jdbcUrl, user, password, DEFAULT_MAX_CONNECTIONS);
    }

    public StorageConfig withMaxConnections(int max) {
        return new StorageConfig(jdbcUrl, user, password, max, retention);
    }

    /** Prunes by {@code r} every {@link #PRUNE_INTERVAL}; {@code null} turns automatic pruning off. */
    public StorageConfig withRetention(Retention r) {
        return new StorageConfig(jdbcUrl, user, password, maxConnections, r);
    }

    public Dialect dialect() {
        return Dialect.of(jdbcUrl);
    }

    @Override
    public String toString() {
        return "StorageConfig[" + dialect() + ", user=" + user + ", password=" + (password == null ? "none" : "redacted")
                + ", maxConnections=" + maxConnections + ", retention=" + retention + "]";
    }
}
