package dev.alknet.storage;

class SqliteAccessGraphProperties extends AccessGraphPropertiesContract {

    @Override
    StorageBackend backend() {
        return StorageBackend.SQLITE;
    }
}
