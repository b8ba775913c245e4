package dev.alknet.storage;

class PostgresNotificationInputProperties extends NotificationInputContract {

    @Override
    StorageBackend backend() {
        return StorageBackend.POSTGRESQL;
    }
}
