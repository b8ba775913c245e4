package dev.alknet.storage;

import dev.alknet.testkit.EmbeddedPostgres;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The PostgreSQL server of this test JVM ({@link EmbeddedPostgres} without fsync), started on first use and stopped
 * at exit, and fresh databases on it. The PostgreSQL suite never skips: a server that cannot start fails the tests.
 */
final class TestPostgres {

    private static final String TEMPLATE = "alknet_template";

    private static TestPostgres shared;

    private final EmbeddedPostgres server;
    private final AtomicInteger databases = new AtomicInteger();
    private boolean templateReady;

    private TestPostgres(EmbeddedPostgres server) {
        this.server = server;
    }

    /** The server of this JVM, started on first use. */
    static synchronized TestPostgres shared() {
        if (shared == null) {
            EmbeddedPostgres server = EmbeddedPostgres.start(EmbeddedPostgres.NO_SYNC);
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "test-postgres-stop"));
            shared = new TestPostgres(server);
        }
        return shared;
    }

    /**
     * A new database with the current schema and no rows: a copy of a template migrated once per JVM, so each test
     * pays for a copy, not for the migrations (which {@code StorageService.open} still checks).
     */
    synchronized StorageConfig freshDatabase() {
        if (!templateReady) {
            server.createDatabase(TEMPLATE, null);
            StorageService.open(config(TEMPLATE)).close();
            templateReady = true;
        }
        String name = "alknet_test_" + databases.incrementAndGet();
        server.createDatabase(name, TEMPLATE);
        return config(name);
    }

    private StorageConfig config(String database) {
        return StorageConfig.postgres(server.jdbcUrl(database), EmbeddedPostgres.SUPERUSER, null)
                .withMaxConnections(2);
    }
}
