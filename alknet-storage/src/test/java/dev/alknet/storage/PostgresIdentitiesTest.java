package dev.alknet.storage;

class PostgresIdentitiesTest extends IdentitiesContract {

    @Override
    StorageBackend backend() {
        return StorageBackend.POSTGRESQL;
    }
}
