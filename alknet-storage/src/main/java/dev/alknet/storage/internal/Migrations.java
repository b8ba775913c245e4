package dev.alknet.storage.internal;

import dev.alknet.storage.Dialect;
import dev.alknet.storage.StorageConfig;
import dev.alknet.storage.StorageException;
import java.util.Locale;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Brings a database to the newest schema with Flyway (flyway-core handles SQLite itself; PostgreSQL comes from
 * flyway-database-postgresql). Each dialect has its own migration sets because column types and defaults differ:
 * {@code db/migration/<dialect>} holds the tables every store has (metagraph, streams, work queue) and
 * {@code db/system/<dialect>} those only the system database has (identities). Versions are numbered across both
 * sets, so a tenant's history simply lacks the system-only versions.
 *
 * <p>Two processes may migrate one new database at once (two nodes opening the same tenant). PostgreSQL
 * serializes them with Flyway's advisory lock; SQLite has none, so there the loser meets tables the winner just made
 * (or a lock it held past {@code busy_timeout}) and tries again: the next attempt finds the work done and only
 * validates it.
 *
 * <p>Flyway reports every validation at INFO; hosts may quiet it (the {@code alknet} CLI does), this logs one line
 * when migrations actually ran.
 */
final class Migrations {

    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);
    private static final int ATTEMPTS = 8;
    private static final long FIRST_BACKOFF_MS = 50;

    private Migrations() {
    }

    static void migrateSystem(StorageConfig config) {
        run(config, null, "migration", "system");
    }

    /** @param schema the tenant's schema on PostgreSQL (created when missing), null on SQLite */
    static void migrateTenant(StorageConfig config, String schema) {
        run(config, schema, "migration");
    }

    private static void run(StorageConfig config, String schema, String... sets) {
        if (config.dialect() == Dialect.SQLITE) {
            SqliteFiles.createParentDirectory(config.jdbcUrl());
        }
        String dialect = config.dialect().name().toLowerCase(Locale.ROOT);
        String[] locations = new String[sets.length];
        for (int i = 0; i < sets.length; i++) {
            locations[i] = "classpath:db/" + sets[i] + "/" + dialect;
        }
        FluentConfiguration flyway = Flyway.configure(Migrations.class.getClassLoader())
                .locations(locations)
                .failOnMissingLocations(true);
        if (config.dialect() == Dialect.SQLITE) {
            SQLiteConfig busyWaits = new SQLiteConfig();
            busyWaits.setBusyTimeout(SqliteDatabase.BUSY_TIMEOUT_MS);
            SQLiteDataSource sqlite = new SQLiteDataSource(busyWaits);
            sqlite.setUrl(config.jdbcUrl());
            flyway.dataSource(sqlite);
        } else {
            flyway.dataSource(config.jdbcUrl(), config.user(), config.password());
        }
        if (schema != null) {
            flyway.schemas(schema);
        }
        for (int attempt = 1; ; attempt++) {
            try {
                MigrateResult result = flyway.load().migrate();
                if (result.migrationsExecuted > 0) {
                    LOG.info("storage {}{} migrated to schema version {} ({} migrations)", config.dialect(),
                            schema == null ? "" : " schema " + schema, result.targetSchemaVersion,
                            result.migrationsExecuted);
                }
                return;
            } catch (FlywayException e) {
                if (attempt == ATTEMPTS) {
                    throw new StorageException(StorageException.Kind.UNAVAILABLE, "could not migrate the "
                            + config.dialect() + " database" + (schema == null ? "" : " schema " + schema)
                            + " to the current schema: " + e.getMessage(), e);
                }
                backOff(attempt);
            }
        }
    }

    private static void backOff(int attempt) {
        try {
            Thread.sleep(FIRST_BACKOFF_MS << (attempt - 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException(StorageException.Kind.UNAVAILABLE, "interrupted while migrating", e);
        }
    }
}
