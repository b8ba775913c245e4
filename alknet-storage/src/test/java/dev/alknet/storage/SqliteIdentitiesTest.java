package dev.alknet.storage;

class SqliteIdentitiesTest extends IdentitiesContract {

    @Override
    StorageBackend backend() {
        return StorageBackend.SQLITE;
    }
}
