package dev.alknet.storage.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The database file behind a {@code jdbc:sqlite:} URL. */
final class SqliteFiles {

    private SqliteFiles() {
    }

    /**
     * @throws IllegalArgumentException for in-memory databases: every connection would get its own empty database,
     *     and storage uses several connections
     */
    static Path file(String jdbcUrl) {
        String rest = jdbcUrl.substring("jdbc:sqlite:".length());
        int query = rest.indexOf('?');
        String path = query >= 0 ? rest.substring(0, query) : rest;
        if (path.startsWith("file:")) {
            path = path.substring("file:".length());
        }
        if (path.isEmpty() || path.equals(":memory:") || path.contains("mode=memory")) {
            throw new IllegalArgumentException("SQLite storage needs a database file, not an in-memory database");
        }
        return Path.of(path);
    }

    static void createParentDirectory(String jdbcUrl) {
        Path parent = file(jdbcUrl).toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the storage directory " + parent, e);
        }
    }
}
