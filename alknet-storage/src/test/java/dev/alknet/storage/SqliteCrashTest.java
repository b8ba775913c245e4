package dev.alknet.storage;

class SqliteCrashTest extends CrashContract {

    @Override
    StorageBackend backend() {
        return StorageBackend.SQLITE;
    }
}
