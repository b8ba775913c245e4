package dev.alknet.storage.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alknet.storage.AccessLevel;
import dev.alknet.storage.ApiKey;
import dev.alknet.storage.Grant;
import dev.alknet.storage.StorageConfig;
import dev.alknet.storage.StorageService;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link ApiKeyUsage}: uses are batched, throttled to {@link ApiKeyUsage#RESOLUTION}, and never move back. */
abstract class ApiKeyUsageContract {

    private static final Instant T0 = Instant.parse("2026-11-21T08:00:00Z");

    StorageService storage;
    Database db;
    ApiKeyUsage usage;
    String owner;

    abstract StorageConfig freshDatabase();

    @BeforeEach
    void open() {
        StorageConfig config = freshDatabase();
        storage = StorageService.open(config);
        owner = storage.identities().createAccount("a@example.org", null, AccessLevel.USER, Grant.none()).id();
        db = Database.open(config);
        usage = new ApiKeyUsage(db, false);
    }

    @AfterEach
    void close() {
        db.close();
        storage.close();
    }

    @Test
    void manyUsesOfManyKeysBecomeOneWritePerKey() {
        List<String> keys = List.of(key(), key(), key());
        for (int i = 0; i < 100; i++) {
            for (String k : keys) {
                usage.used(k, T0.plusMillis(i * 100L));
            }
        }
        assertThat(usage.flush()).isEqualTo(3);
        assertThat(lastUsed()).containsOnly(T0.plusSeconds(9));
        assertThat(usage.flush()).as("nothing new").isZero();
    }

    @Test
    void usesWithinTheResolutionOfTheLastWriteAreNotWrittenAgain() {
        String k = key();
        usage.used(k, T0);
        usage.flush();
        usage.used(k, T0.plus(ApiKeyUsage.RESOLUTION).minusSeconds(1));
        assertThat(usage.flush()).isZero();
        usage.used(k, T0.plus(ApiKeyUsage.RESOLUTION));
        assertThat(usage.flush()).isEqualTo(1);
        assertThat(lastUsed()).containsExactly(T0.plus(ApiKeyUsage.RESOLUTION));
    }

    @Test
    void theStoredTimeNeverMovesBack() {
        String k = key();
        usage.used(k, T0.plus(Duration.ofHours(1)));
        usage.flush();
        ApiKeyUsage otherProcess = new ApiKeyUsage(db, false);
        otherProcess.used(k, T0);
        otherProcess.flush();
        assertThat(lastUsed()).containsExactly(T0.plus(Duration.ofHours(1)));
    }

    @Test
    void theTimerWritesWithoutAnyoneFlushing() throws InterruptedException {
        String k = key();
        try (ApiKeyUsage timed = new ApiKeyUsage(db, true)) {
            timed.used(k, T0);
            long deadline = System.nanoTime() + ApiKeyUsage.FLUSH_INTERVAL.multipliedBy(3).toNanos();
            while (lastUsed().get(0) == null && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(lastUsed()).containsExactly(T0);
        }
    }

    private String key() {
        return storage.identities().createApiKey(owner, null, null).key().id();
    }

    private List<Instant> lastUsed() {
        return storage.identities().apiKeys(owner).stream().map(ApiKey::lastUsedAt).toList();
    }
}
