package dev.alknet.storage;

class SqlitePublisherDemandProperties extends PublisherDemandContract {

    @Override
    StorageBackend backend() {
        return StorageBackend.SQLITE;
    }
}
