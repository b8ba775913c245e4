package dev.alknet.storage;

class PostgresTenantIdProperties extends TenantIdPropertiesContract {

    @Override
    StorageBackend backend() {
        return StorageBackend.POSTGRESQL;
    }
}
