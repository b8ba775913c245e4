package dev.alknet.storage;

class SqliteMetagraphInputProperties extends MetagraphInputContract {

    @Override
    StorageBackend backend() {
        return StorageBackend.SQLITE;
    }
}
