package dev.alknet.storage.internal;

import dev.alknet.storage.Dialect;
import dev.alknet.storage.StorageConfig;
import dev.alknet.storage.StorageException;
import java.util.Locale;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * Brings a database to the newest schema with Flyway (flyway-core handles SQLite itself; PostgreSQL comes from
 * flyway-database-postgresql). Each dialect has its own migration set under {@code db/migration/<dialect>}
 * because column types and defaults differ.
 */
final class Migrations {

    private Migrations() {
    }

    static void migrate(StorageConfig config) {
        if (config.dialect() == Dialect.SQLITE) {
            SqliteFiles.createParentDirectory(config.jdbcUrl());
        }
        try {
            Flyway.configure(Migrations.class.getClassLoader())
                    .dataSource(config.jdbcUrl(), config.user(), config.password())
                    .locations("classpath:db/migration/" + config.dialect().name().toLowerCase(Locale.ROOT))
                    .failOnMissingLocations(true)
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new StorageException(StorageException.Kind.UNAVAILABLE,
                    "could not migrate the " + config.dialect() + " database to the current schema: " + e.getMessage(),
                    e);
        }
    }
}
