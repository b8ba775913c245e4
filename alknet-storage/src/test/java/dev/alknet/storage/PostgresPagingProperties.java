package dev.alknet.storage;

class PostgresPagingProperties extends PagingPropertiesContract {

    @Override
    StorageBackend backend() {
        return StorageBackend.POSTGRESQL;
    }
}
