package dev.alknet.storage;

class SqliteNotificationInputProperties extends NotificationInputContract {

    @Override
    StorageBackend backend() {
        return StorageBackend.SQLITE;
    }
}
