package dev.alknet.storage;

class PostgresIdentityParityProperties extends IdentityParityContract {

    @Override
    StorageBackend backend() {
        return StorageBackend.POSTGRESQL;
    }
}
