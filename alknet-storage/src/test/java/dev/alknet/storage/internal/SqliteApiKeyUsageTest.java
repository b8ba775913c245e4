package dev.alknet.storage.internal;

import dev.alknet.storage.StorageBackend;
import dev.alknet.storage.StorageConfig;

class SqliteApiKeyUsageTest extends ApiKeyUsageContract {

    @Override
    StorageConfig freshDatabase() {
        return StorageBackend.SQLITE.freshDatabase();
    }
}
