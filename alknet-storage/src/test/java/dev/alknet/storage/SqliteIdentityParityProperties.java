package dev.alknet.storage;

class SqliteIdentityParityProperties extends IdentityParityContract {

    @Override
    StorageBackend backend() {
        return StorageBackend.SQLITE;
    }
}
