package dev.alknet.storage;

class SqliteRetentionTest extends RetentionContract {

    @Override
    StorageBackend backend() {
        return StorageBackend.SQLITE;
    }
}
