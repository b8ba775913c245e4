package dev.alknet.host;

import dev.alknet.storage.StorageConfig;
import java.nio.file.Path;

class SqliteStorageLoginsTest extends StorageLoginsContract {

    @Override
    StorageConfig database(Path dataDir) {
        return StorageConfig.inDataDir(dataDir);
    }
}
