package dev.alknet.storage;

class SqliteStreamsTest extends StreamsContract {

    @Override
    StorageBackend backend() {
        return StorageBackend.SQLITE;
    }
}
