package dev.alknet.bench.storage;

/** {@link AclBench} on PostgreSQL (embedded server on loopback, durable defaults, a fresh database per run). */
public class PostgresAclBench extends AclBench {

    @Override
    protected BenchDatabase database() {
        return BenchDatabase.postgres();
    }
}
