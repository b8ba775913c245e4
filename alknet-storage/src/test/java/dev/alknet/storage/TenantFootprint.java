package dev.alknet.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * What exists where tenant stores could be made: on SQLite the files of the data directory and of its parent (a
 * store must never land outside the data directory), on PostgreSQL the schemas of the database.
 */
final class TenantFootprint {

    private TenantFootprint() {
    }

    static Set<String> of(StorageConfig config) {
        return config.dialect() == Dialect.SQLITE ? files(dataDir(config)) : schemas(config);
    }

    static Path dataDir(StorageConfig config) {
        String url = config.jdbcUrl().substring("jdbc:sqlite:".length());
        return Path.of(url.contains("?") ? url.substring(0, url.indexOf('?')) : url).toAbsolutePath().getParent();
    }

    /** Whether the store of tenant {@code id} exists under exactly the expected name. */
    static boolean hasStore(StorageConfig config, String id) {
        return config.dialect() == Dialect.SQLITE ? Files.exists(dataDir(config).resolve("tenant-" + id + ".db"))
                : schemas(config).contains("tenant_" + id.replace('-', '_'));
    }

    /** The tables of tenant {@code id}'s store. */
    static Set<String> tables(StorageConfig config, String id) {
        boolean sqlite = config.dialect() == Dialect.SQLITE;
        String url = sqlite ? "jdbc:sqlite:" + dataDir(config).resolve("tenant-" + id + ".db") : config.jdbcUrl();
        String query = sqlite ? "SELECT name FROM sqlite_master WHERE type = 'table'"
                : "SELECT table_name FROM information_schema.tables WHERE table_schema = 'tenant_"
                        + id.replace('-', '_') + "'";
        return names(url, config, query);
    }

    private static Set<String> files(Path dataDir) {
        Set<String> names = new TreeSet<>();
        for (Path dir : new Path[] {dataDir, dataDir.getParent()}) {
            try (Stream<Path> list = Files.list(dir)) {
                list.forEach(p -> names.add(p.toString()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return names;
    }

    private static Set<String> schemas(StorageConfig config) {
        return names(config.jdbcUrl(), config, "SELECT schema_name FROM information_schema.schemata");
    }

    private static Set<String> names(String url, StorageConfig config, String query) {
        try (Connection c = DriverManager.getConnection(url, config.user(), config.password());
                ResultSet rs = c.createStatement().executeQuery(query)) {
            Set<String> names = new TreeSet<>();
            while (rs.next()) {
                names.add(rs.getString(1));
            }
            return names;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
