package dev.alknet.storage;

class PostgresMetagraphInputProperties extends MetagraphInputContract {

    @Override
    StorageBackend backend() {
        return StorageBackend.POSTGRESQL;
    }
}
