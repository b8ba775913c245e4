package dev.alknet.storage;

class PostgresPagingTest extends PagingContract {

    @Override
    StorageBackend backend() {
        return StorageBackend.POSTGRESQL;
    }
}
