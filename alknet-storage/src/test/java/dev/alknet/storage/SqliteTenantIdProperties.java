package dev.alknet.storage;

class SqliteTenantIdProperties extends TenantIdPropertiesContract {

    @Override
    StorageBackend backend() {
        return StorageBackend.SQLITE;
    }
}
