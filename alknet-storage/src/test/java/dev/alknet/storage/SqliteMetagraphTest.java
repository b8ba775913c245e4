package dev.alknet.storage;

class SqliteMetagraphTest extends MetagraphContract {

    @Override
    StorageBackend backend() {
        return StorageBackend.SQLITE;
    }
}
