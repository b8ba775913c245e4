package dev.alknet.storage;

class PostgresCrashTest extends CrashContract {

    @Override
    StorageBackend backend() {
        return StorageBackend.POSTGRESQL;
    }
}
