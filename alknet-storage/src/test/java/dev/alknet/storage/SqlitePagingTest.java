package dev.alknet.storage;

class SqlitePagingTest extends PagingContract {

    @Override
    StorageBackend backend() {
        return StorageBackend.SQLITE;
    }
}
