package dev.alknet.storage.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alknet.storage.StorageBackend;
import dev.alknet.storage.StorageConfig;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class SqliteDatabaseTest extends DatabaseContract {

    @Override
    StorageConfig freshDatabase() {
        return StorageBackend.SQLITE.freshDatabase();
    }

    @Test
    void runsInWalModeWithForeignKeys() {
        assertThat(pragma("journal_mode")).isEqualTo("wal");
        assertThat(pragma("foreign_keys")).isEqualTo("1");
        assertThat(pragma("busy_timeout")).isEqualTo(Integer.toString(SqliteDatabase.BUSY_TIMEOUT_MS));
    }

    @Test
    void readersCannotWrite() {
        assertThatThrownBy(() -> db.read(c -> {
            try (Statement s = c.createStatement()) {
                return s.executeUpdate("DELETE FROM graph_types");
            }
        })).hasMessageContaining("readonly");
    }

    @Test
    void inMemoryDatabasesAreRefusedWithAReason() {
        assertThatThrownBy(() -> Database.open(new StorageConfig("jdbc:sqlite::memory:", null, null, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a database file");
    }

    private String pragma(String name) {
        return db.read(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA " + name)) {
                rs.next();
                return rs.getString(1);
            }
        });
    }
}
