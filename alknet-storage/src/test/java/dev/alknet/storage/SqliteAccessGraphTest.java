package dev.alknet.storage;

class SqliteAccessGraphTest extends AccessGraphContract {

    @Override
    StorageBackend backend() {
        return StorageBackend.SQLITE;
    }
}
