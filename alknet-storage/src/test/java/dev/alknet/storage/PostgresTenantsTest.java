package dev.alknet.storage;

class PostgresTenantsTest extends TenantsContract {

    @Override
    StorageBackend backend() {
        return StorageBackend.POSTGRESQL;
    }
}
