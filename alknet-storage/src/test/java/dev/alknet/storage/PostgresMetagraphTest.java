package dev.alknet.storage;

class PostgresMetagraphTest extends MetagraphContract {

    @Override
    StorageBackend backend() {
        return StorageBackend.POSTGRESQL;
    }
}
