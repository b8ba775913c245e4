package dev.alknet.storage;

class PostgresStreamsTest extends StreamsContract {

    @Override
    StorageBackend backend() {
        return StorageBackend.POSTGRESQL;
    }
}
