package dev.alknet.storage;

class SqlitePagingProperties extends PagingPropertiesContract {

    @Override
    StorageBackend backend() {
        return StorageBackend.SQLITE;
    }
}
