package dev.alknet.storage;

class SqliteTenantIsolationProperties extends TenantIsolationPropertiesContract {

    @Override
    StorageBackend backend() {
        return StorageBackend.SQLITE;
    }
}
