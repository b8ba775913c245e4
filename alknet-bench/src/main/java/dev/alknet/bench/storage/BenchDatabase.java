package dev.alknet.bench.storage;

import dev.alknet.storage.StorageConfig;
import dev.alknet.testkit.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.sqlite.SQLiteConfig;

/**
 * The database of one benchmark run, and a plain JDBC connection to it set up as storage sets up its own (the raw
 * anchor): a SQLite file in a temp directory (WAL, synchronous=FULL), or a new database on an embedded PostgreSQL
 * server with its durable defaults (fsync and synchronous commit on, unlike the tests' server), started once per
 * benchmark JVM on loopback.
 */
final class BenchDatabase implements AutoCloseable {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    private final StorageConfig config;
    private final Path dir;

    private BenchDatabase(StorageConfig config, Path dir) {
        this.config = config;
        this.dir = dir;
    }

    static BenchDatabase sqlite() throws IOException {
        Path dir = Files.createTempDirectory("alknet-storage-bench-");
        return new BenchDatabase(StorageConfig.inDataDir(dir), dir);
    }

    static synchronized BenchDatabase postgres() {
        if (postgres == null) {
            postgres = EmbeddedPostgres.start(List.of());
            Runtime.getRuntime().addShutdownHook(new Thread(postgres::close, "bench-postgres-stop"));
        }
        String name = "alknet_bench_" + DATABASES.incrementAndGet();
        postgres.createDatabase(name, null);
        return new BenchDatabase(StorageConfig.postgres(postgres.jdbcUrl(name), EmbeddedPostgres.SUPERUSER, null),
                null);
    }

    StorageConfig config() {
        return config;
    }

    Connection rawConnection() throws SQLException {
        if (dir != null) {
            SQLiteConfig sqlite = new SQLiteConfig();
            sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
            sqlite.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
            sqlite.setBusyTimeout(5000);
            return sqlite.createConnection(config.jdbcUrl());
        }
        Properties props = new Properties();
        props.setProperty("user", config.user());
        // As storage's own pool: strings untyped (JSON text goes into jsonb), batches rewritten to multi-row inserts.
        props.setProperty("stringtype", "unspecified");
        props.setProperty("reWriteBatchedInserts", "true");
        return DriverManager.getConnection(config.jdbcUrl(), props);
    }

    /** Deletes the SQLite files; a PostgreSQL database goes with its server when the JVM exits. */
    @Override
    public void close() throws IOException {
        if (dir == null) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
