package dev.alknet.storage;

import static dev.alknet.storage.MetagraphContract.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PostgresNotificationsTest extends NotificationsContract {

    @Override
    StorageBackend backend() {
        return StorageBackend.POSTGRESQL;
    }

    @Test
    void theWatcherReconnectsAfterItsConnectionIsKilled() throws Exception {
        BlockingQueue<Notification> heard = new LinkedBlockingQueue<>();
        BlockingQueue<Long> woken = new LinkedBlockingQueue<>();
        try (StorageService other = StorageService.open(config);
                NotificationListener l = notifications.listen("c", heard::add);
                StreamSubscription sub = storage.streams().subscribe("s", "far", e -> woken.add(e.position()),
                        Duration.ofHours(1))) {
            try (Connection admin = DriverManager.getConnection(config.jdbcUrl(), config.user(), config.password());
                    Statement s = admin.createStatement()) {
                ResultSet killed = s.executeQuery("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                        + "WHERE datname = current_database() AND query LIKE 'LISTEN %' AND pid <> pg_backend_pid()");
                int watchers = 0;
                while (killed.next()) {
                    watchers += killed.getBoolean(1) ? 1 : 0;
                }
                assertThat(watchers).as("both services' watcher connections").isEqualTo(2);
            }
            // Notifications sent while the watcher is away are lost (ephemeral): send until one arrives.
            Notification got = null;
            for (int i = 0; got == null && i < 300; i++) {
                other.notifications().notify("c", "ping " + i);
                got = heard.poll(100, TimeUnit.MILLISECONDS);
            }
            assertThat(got).as("a notification after the reconnect").isNotNull();
            other.streams().publish("s", "e", json("{}"));
            assertThat(woken.poll(30, TimeUnit.SECONDS)).as("woken by the new LISTEN, not the hour-long poll")
                    .isEqualTo(1L);
        }
    }
}
