package dev.alknet.storage.internal;

import dev.alknet.storage.Dialect;
import dev.alknet.storage.StorageConfig;
import dev.alknet.storage.StorageException;
import java.util.Locale;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * Brings a database to the newest schema with Flyway (flyway-core handles SQLite itself; PostgreSQL comes from
 * flyway-database-postgresql). Each dialect has its own migration sets because column types and defaults differ:
 * {@code db/migration/<dialect>} holds the tables every store has (metagraph, streams, work queue) and
 * {@code db/system/<dialect>} those only the system database has (identities). Versions are numbered across both
 * sets, so a tenant's history simply lacks the system-only versions.
 */
final class Migrations {

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
        try {
            FluentConfiguration flyway = Flyway.configure(Migrations.class.getClassLoader())
                    .dataSource(config.jdbcUrl(), config.user(), config.password())
                    .locations(locations)
                    .failOnMissingLocations(true);
            if (schema != null) {
                flyway.schemas(schema);
            }
            flyway.load().migrate();
        } catch (FlywayException e) {
            throw new StorageException(StorageException.Kind.UNAVAILABLE,
                    "could not migrate the " + config.dialect() + " database" + (schema == null ? "" : " schema "
                            + schema) + " to the current schema: " + e.getMessage(), e);
        }
    }
}
