package dev.alknet.storage;

class PostgresRetentionTest extends RetentionContract {

    @Override
    StorageBackend backend() {
        return StorageBackend.POSTGRESQL;
    }
}
