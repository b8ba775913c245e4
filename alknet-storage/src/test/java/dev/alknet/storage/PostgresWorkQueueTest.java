package dev.alknet.storage;

class PostgresWorkQueueTest extends WorkQueueContract {

    @Override
    StorageBackend backend() {
        return StorageBackend.POSTGRESQL;
    }
}
