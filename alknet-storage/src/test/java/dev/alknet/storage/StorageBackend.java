package dev.alknet.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where a contract test gets a fresh, empty database of its dialect. */
public enum StorageBackend {
    SQLITE {
        @Override
        public StorageConfig freshDatabase() {
            try {
                // Under target/ so that `mvn clean` removes the files.
                Path parent = Files.createDirectories(Path.of("target", "storage-tests"));
                return StorageConfig.inDataDir(Files.createTempDirectory(parent, "db-"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    },
    POSTGRESQL {
        @Override
        public StorageConfig freshDatabase() {
            return TestPostgres.shared().freshDatabase();
        }
    };

    public abstract StorageConfig freshDatabase();
}
