package dev.alknet.storage;

class PostgresAccessGraphProperties extends AccessGraphPropertiesContract {

    @Override
    StorageBackend backend() {
        return StorageBackend.POSTGRESQL;
    }
}
