package dev.alknet.storage.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alknet.storage.StorageConfig;
import dev.alknet.storage.StorageException;
import dev.alknet.storage.TestThreads;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Connection handling and migrations, run against each dialect by a subclass. */
abstract class DatabaseContract {

    static final List<String> TABLES = List.of("graph_types", "node_types", "edge_types", "graphs", "nodes", "edges");

    StorageConfig config;
    Database db;

    abstract StorageConfig freshDatabase();

    @BeforeEach
    void open() {
        config = freshDatabase();
        db = Database.open(config);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void migrationsCreateEveryTable() {
        for (String table : TABLES) {
            assertThat(count(table)).as(table).isZero();
        }
    }

    @Test
    void reopeningKeepsDataAndDoesNotMigrateAgain() {
        insertGraphType("kept");
        db.close();
        db = Database.open(config);
        assertThat(count("graph_types")).isEqualTo(1);
    }

    @Test
    void failedWorkIsRolledBackWhole() {
        assertThatThrownBy(() -> db.write(c -> {
            insert(c, "first");
            insert(c, "first");
            return null;
        })).isInstanceOf(StorageException.class)
                .extracting(e -> ((StorageException) e).kind()).isEqualTo(StorageException.Kind.ALREADY_EXISTS);
        assertThat(count("graph_types")).isZero();
    }

    @Test
    void manyThreadsWriteAndReadWithoutBusyErrors() throws Exception {
        int threads = 8;
        int perThread = 40;
        TestThreads.run(threads, thread -> {
            for (int i = 0; i < perThread; i++) {
                insertGraphType("t" + thread + "-" + i);
                assertThat(count("graph_types")).isPositive();
            }
            return null;
        });
        assertThat(count("graph_types")).isEqualTo(threads * perThread);
    }

    @Test
    void writesDoNotNest() {
        assertThatThrownBy(() -> db.write(c -> db.write(inner -> null)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("do not nest");
    }

    void insertGraphType(String name) {
        db.write(c -> {
            insert(c, name);
            return null;
        });
    }

    private static void insert(java.sql.Connection c, String name) throws java.sql.SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO graph_types (id, name, config, created_at, updated_at) VALUES (?, ?, ?, 0, 0)")) {
            s.setString(1, java.util.UUID.randomUUID().toString());
            s.setString(2, name);
            s.setString(3, "{}");
            s.executeUpdate();
        }
    }

    long count(String table) {
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM " + table);
                    ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
