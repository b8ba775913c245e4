package dev.alknet.storage;

class SqliteWorkQueueTest extends WorkQueueContract {

    @Override
    StorageBackend backend() {
        return StorageBackend.SQLITE;
    }
}
