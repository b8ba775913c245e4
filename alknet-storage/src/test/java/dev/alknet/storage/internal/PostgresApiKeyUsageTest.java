package dev.alknet.storage.internal;

import dev.alknet.storage.StorageBackend;
import dev.alknet.storage.StorageConfig;

class PostgresApiKeyUsageTest extends ApiKeyUsageContract {

    @Override
    StorageConfig freshDatabase() {
        return StorageBackend.POSTGRESQL.freshDatabase();
    }
}
