package dev.alknet.storage;

class SqliteNotificationsTest extends NotificationsContract {

    @Override
    StorageBackend backend() {
        return StorageBackend.SQLITE;
    }
}
