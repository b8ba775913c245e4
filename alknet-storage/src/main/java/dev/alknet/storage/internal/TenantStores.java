package dev.alknet.storage.internal;

import dev.alknet.storage.Dialect;
import dev.alknet.storage.StorageConfig;
import dev.alknet.storage.StorageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * Where a tenant's store lives beside the system database: the SQLite file {@code tenant-<id>.db} in the system
 * file's directory, or the PostgreSQL schema {@code tenant_<id>} (with {@code -} as {@code _}) in the system's
 * database. Tenant ids are organisation ids, which storage makes as lower-case UUIDs; anything that could leave the
 * directory, need quoting, or name one file twice on a case-insensitive file system is refused before it is used.
 */
public final class TenantStores {

    /** Long enough for a UUID; short enough that {@code alknet_streams_tenant_<id>} fits PostgreSQL's 63 bytes. */
    public static final int MAX_ID_LENGTH = 40;

    private TenantStores() {
    }

    /**
     * @return {@code orgId}, when it is 1..{@value #MAX_ID_LENGTH} characters of {@code a-z}, {@code 0-9} and
     *     {@code -}
     * @throws StorageException INVALID saying what is wrong with it
     */
    public static String checkId(String orgId) {
        Objects.requireNonNull(orgId, "orgId");
        if (orgId.isEmpty()) {
            throw invalid("tenant id is empty");
        }
        if (orgId.length() > MAX_ID_LENGTH) {
            throw invalid("tenant id is " + orgId.length() + " characters long, more than " + MAX_ID_LENGTH);
        }
        for (int i = 0; i < orgId.length(); i++) {
            char ch = orgId.charAt(i);
            if (!(ch >= 'a' && ch <= 'z' || ch >= '0' && ch <= '9' || ch == '-')) {
                throw invalid("tenant id has " + describe(ch) + " at index " + i
                        + "; tenant ids (organisation ids) are made of a-z, 0-9 and '-'");
            }
        }
        return orgId;
    }

    /** The file name of a checked id's SQLite store. */
    public static String fileName(String id) {
        return "tenant-" + checkId(id) + ".db";
    }

    /** The PostgreSQL schema of a checked id's store: {@code -} becomes {@code _}, which ids never contain. */
    public static String schema(String id) {
        return "tenant_" + checkId(id).replace('-', '_');
    }

    /** Migrates the tenant's store (creating it when missing) and opens it. */
    public static Database open(StorageConfig system, String id) {
        return switch (system.dialect()) {
            case SQLITE -> {
                StorageConfig config = sqlite(system, id);
                Migrations.migrateTenant(config, null);
                yield new SqliteDatabase(config);
            }
            case POSTGRESQL -> {
                Migrations.migrateTenant(system, schema(id));
                yield new PostgresDatabase(system, schema(id));
            }
        };
    }

    /**
     * Deletes the tenant's store and everything in it: its files, or its schema through {@code systemDb}. Nothing
     * may have it open.
     */
    public static void drop(StorageConfig system, Database systemDb, String id) {
        if (system.dialect() == Dialect.POSTGRESQL) {
            systemDb.write(c -> Sql.update(c, "DROP SCHEMA IF EXISTS \"" + schema(id) + "\" CASCADE"));
            return;
        }
        Path file = SqliteFiles.file(sqlite(system, id).jdbcUrl());
        try {
            for (String suffix : new String[] {"-wal", "-shm", "-journal", ""}) {
                Files.deleteIfExists(file.resolveSibling(file.getFileName() + suffix));
            }
        } catch (IOException e) {
            throw new StorageException(StorageException.Kind.UNAVAILABLE, "cannot delete " + file + ": " + e, e);
        }
    }

    static StorageConfig sqlite(StorageConfig system, String id) {
        return new StorageConfig(SqliteFiles.sibling(system.jdbcUrl(), fileName(id)), system.user(),
                system.password(), system.maxConnections());
    }

    private static String describe(char ch) {
        return ch >= 0x20 && ch < 0x7f ? "'" + ch + "'" : String.format(Locale.ROOT, "U+%04X", (int) ch);
    }

    private static StorageException invalid(String message) {
        return new StorageException(StorageException.Kind.INVALID, message);
    }
}
