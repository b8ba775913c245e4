package dev.alknet.host;

import dev.alknet.storage.Dialect;
import dev.alknet.storage.Retention;
import dev.alknet.storage.StorageConfig;
import dev.alknet.storage.StorageException;
import dev.alknet.storage.StorageService;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The storage {@code alknet serve} opens: {@code --storage} (with {@code --storage-user} and the password from
 * {@value #PASSWORD_ENV}), else SQLite in the data directory. The password is never a flag or part of the URL, where
 * {@code ps} and shell histories would show it.
 */
final class StorageSetup {

    static final String PASSWORD_ENV = "ALKNET_STORAGE_PASSWORD";

    private StorageSetup() {
    }

    /**
     * With the retention of {@code --storage-retention-events}/{@code -audit}, when either is given: the service then
     * prunes on its own (docs/storage.md, "Retention").
     *
     * @throws UsageError saying what to change
     */
    static StorageConfig config(ServeFlags flags, Map<String, String> env, Path dataDir) {
        StorageConfig config = database(flags.storage, flags.storageUser, env, dataDir);
        if (flags.storageRetentionEvents == null && flags.storageRetentionAudit == null) {
            return config;
        }
        return config.withRetention(new Retention(flags.storageRetentionEvents, flags.storageRetentionAudit));
    }

    /**
     * The database of {@code --storage URL} and {@code --storage-user USER} (either {@code null} when not given),
     * as {@code alknet serve} and {@code alknet identity} read them.
     *
     * @throws UsageError saying what to change
     */
    static StorageConfig database(String url, String user, Map<String, String> env, Path dataDir) {
        if (url == null) {
            if (user != null) {
                throw new UsageError("--storage-user needs --storage jdbc:postgresql://...");
            }
            DataDir.create(dataDir);
            return StorageConfig.inDataDir(dataDir);
        }
        if (url.toLowerCase(Locale.ROOT).contains("password=")) {
            throw new UsageError("--storage: leave the password out of the URL and set $" + PASSWORD_ENV);
        }
        try {
            Dialect dialect = Dialect.of(url);
            if (dialect == Dialect.SQLITE && user != null) {
                throw new UsageError("--storage-user is for PostgreSQL; a jdbc:sqlite: URL takes none");
            }
            return new StorageConfig(url, user, dialect == Dialect.POSTGRESQL ? env.get(PASSWORD_ENV)
                    : null, StorageConfig.DEFAULT_MAX_CONNECTIONS);
        } catch (IllegalArgumentException e) {
            throw new UsageError("--storage: " + e.getMessage(), e);
        }
    }

    /**
     * Opens and migrates the storage; a database that cannot be opened is reported as a setup error, before any
     * socket is bound.
     *
     * @throws UsageError naming the database and why
     */
    static StorageService open(StorageConfig config) {
        try {
            return StorageService.open(config);
        } catch (StorageException | IllegalArgumentException | UncheckedIOException e) {
            throw new UsageError("storage " + describe(config) + " cannot be opened: " + e.getMessage(), e);
        }
    }

    /** The URL without its parameters, which may carry driver options nobody needs in an error line. */
    private static String describe(StorageConfig config) {
        int query = config.jdbcUrl().indexOf('?');
        return query < 0 ? config.jdbcUrl() : config.jdbcUrl().substring(0, query);
    }
}
