package dev.alknet.bench.storage;

/**
 * {@link StorageBench} on PostgreSQL: an embedded server on loopback with its durable defaults, a fresh database per
 * run; the raw JDBC anchor inserts the same rows over its own connection to the same server in the same run.
 */
public class PostgresStorageBench extends StorageBench {

    @Override
    protected BenchDatabase database() {
        return BenchDatabase.postgres();
    }
}
