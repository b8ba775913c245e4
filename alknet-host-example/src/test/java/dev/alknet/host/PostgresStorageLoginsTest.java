package dev.alknet.host;

import dev.alknet.storage.StorageConfig;
import dev.alknet.testkit.EmbeddedPostgres;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** One real PostgreSQL server for the class, a new database per test. */
class PostgresStorageLoginsTest extends StorageLoginsContract {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void start() {
        postgres = EmbeddedPostgres.start(EmbeddedPostgres.NO_SYNC);
    }

    @AfterAll
    static void stopServer() {
        postgres.close();
    }

    @Override
    StorageConfig database(Path dataDir) {
        String name = "logins_" + DATABASES.incrementAndGet();
        postgres.createDatabase(name, null);
        return StorageConfig.postgres(postgres.jdbcUrl(name), EmbeddedPostgres.SUPERUSER, null);
    }
}
