package dev.alknet.storage;

class PostgresTenantIsolationProperties extends TenantIsolationPropertiesContract {

    @Override
    StorageBackend backend() {
        return StorageBackend.POSTGRESQL;
    }
}
