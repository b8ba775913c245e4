package dev.alknet.storage;

class PostgresAccessGraphTest extends AccessGraphContract {

    @Override
    StorageBackend backend() {
        return StorageBackend.POSTGRESQL;
    }
}
