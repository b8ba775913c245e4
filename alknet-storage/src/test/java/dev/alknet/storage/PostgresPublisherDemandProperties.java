package dev.alknet.storage;

class PostgresPublisherDemandProperties extends PublisherDemandContract {

    @Override
    StorageBackend backend() {
        return StorageBackend.POSTGRESQL;
    }
}
