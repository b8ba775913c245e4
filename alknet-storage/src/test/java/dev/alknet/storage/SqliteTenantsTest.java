package dev.alknet.storage;

class SqliteTenantsTest extends TenantsContract {

    @Override
    StorageBackend backend() {
        return StorageBackend.SQLITE;
    }
}
