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

    /** The URL of {@code fileName} in the directory of {@code jdbcUrl}'s file, with the same URL parameters. */
    static String sibling(String jdbcUrl, String fileName) {
        int query = jdbcUrl.indexOf('?');
        return "jdbc:sqlite:" + file(jdbcUrl).toAbsolutePath().resolveSibling(fileName)
                + (query >= 0 ? jdbcUrl.substring(query) : "");
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
