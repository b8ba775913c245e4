package dev.alknet.storage;

class PostgresNotificationsTest extends NotificationsContract {

    @Override
    StorageBackend backend() {
        return StorageBackend.POSTGRESQL;
    }
}
