package dev.alknet.core.config;

import static dev.alknet.core.config.ConfigFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alknet.core.Identity;
import dev.alknet.core.TransportKind;
import dev.alknet.core.policy.ForwardingAction;
import dev.alknet.core.policy.ForwardingPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigReloadHandleTest {

    /** What a server does per connection: take one snapshot at accept and decide everything with it. */
    private record Connection(DynamicConfig snapshot) {

        static Connection accept(ConfigReloadHandle handle) {
            return new Connection(handle.current());
        }

        boolean mayForwardTo(String host, int port) {
            return snapshot.forwarding().permits(host, port, Identity.anonymous(), TransportKind.TCP);
        }
    }

    @Test
    void openConnectionsKeepTheirSnapshotAndNewOnesSeeTheReload() {
        ConfigReloadHandle handle = new ConfigReloadHandle(DynamicConfig.defaults());
        Connection open = Connection.accept(handle);

        long version = handle.reload(DynamicConfig.defaults().withForwarding(ForwardingPolicy.denyAll()));

        assertThat(version).isEqualTo(1);
        assertThat(handle.version()).isEqualTo(1);
        assertThat(open.mayForwardTo("example.com", 443)).isTrue();
        assertThat(open.snapshot()).isSameAs(DynamicConfig.defaults());
        assertThat(Connection.accept(handle).mayForwardTo("example.com", 443)).isFalse();
    }

    @Test
    void aReloadFromAFileThatFailsToLoadLeavesTheCurrentConfig(@TempDir Path dir) {
        Path file = write(dir.resolve("alknet.toml"), "[forwarding]\ndefault = \"deny\"\n");
        ConfigReloadHandle handle = new ConfigReloadHandle(ConfigLoader.loadDynamic(file));
        DynamicConfig before = handle.current();

        write(file, "[forwarding]\ndefault = \"allow\"\n[server]\nmax_auth_attempts = \"three\"\n");
        assertThatThrownBy(() -> handle.reload(ConfigLoader.loadDynamic(file)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("server.max_auth_attempts");

        assertThat(handle.current()).isSameAs(before);
        assertThat(handle.current().forwarding().defaultAction()).isEqualTo(ForwardingAction.DENY);
        assertThat(handle.version()).isZero();

        write(file, "[forwarding]\ndefault = \"allow\"\n");
        handle.reload(ConfigLoader.loadDynamic(file));
        assertThat(handle.current().forwarding().defaultAction()).isEqualTo(ForwardingAction.ALLOW);
        assertThat(handle.version()).isEqualTo(1);
    }

    @Test
    void anUpdateThatThrowsLeavesTheCurrentConfig() {
        ConfigReloadHandle handle = new ConfigReloadHandle(DynamicConfig.defaults());

        assertThatThrownBy(() -> handle.update(c -> c.withRateLimits(c.rateLimits().withMaxAuthAttempts(-1))))
                .isInstanceOf(ConfigException.class);

        assertThat(handle.current()).isSameAs(DynamicConfig.defaults());
        assertThat(handle.version()).isZero();
    }

    @Test
    void updateChangesOnePartAndKeepsTheOthers() {
        DynamicConfig initial = DynamicConfig.defaults().withRateLimits(new RateLimits(3, 4));
        ConfigReloadHandle handle = new ConfigReloadHandle(initial);

        handle.update(c -> c.withForwarding(ForwardingPolicy.denyAll()));

        assertThat(handle.current()).isEqualTo(initial.withForwarding(ForwardingPolicy.denyAll()));
    }

    /**
     * Config {@code n} has every part tagged with {@code n}; a reader that finds two parts with different tags
     * has seen a mix of two configs.
     */
    private static DynamicConfig tagged(int n) {
        return new DynamicConfig(
                AuthConfig.empty().withToken(new TokenSettings(true, Duration.ofSeconds(n + 1))),
                n % 2 == 0 ? ForwardingPolicy.allowAll() : ForwardingPolicy.denyAll(),
                new RateLimits(n, n));
    }

    private static void assertConsistent(DynamicConfig c) {
        int n = c.rateLimits().maxConnectionsPerIp();
        assertThat(c.rateLimits().maxAuthAttempts()).isEqualTo(n);
        assertThat(c.auth().token().maxAge()).isEqualTo(Duration.ofSeconds(n + 1));
        assertThat(c.forwarding().defaultAction())
                .isEqualTo(n % 2 == 0 ? ForwardingAction.ALLOW : ForwardingAction.DENY);
    }

    @Test
    void concurrentReadersSeeWholeConfigsInOrder() throws Exception {
        int readers = 4;
        int reloads = 2_000;
        ConfigReloadHandle handle = new ConfigReloadHandle(tagged(0));
        ExecutorService pool = Executors.newFixedThreadPool(readers + 1);
        CountDownLatch start = new CountDownLatch(1);
        AtomicBoolean writerDone = new AtomicBoolean();
        try {
            List<Future<Integer>> reads = new ArrayList<>();
            for (int r = 0; r < readers; r++) {
                reads.add(pool.submit(() -> {
                    start.await();
                    int seen = 0;
                    int last = -1;
                    do {
                        DynamicConfig snapshot = handle.current();
                        assertConsistent(snapshot);
                        int tag = snapshot.rateLimits().maxConnectionsPerIp();
                        assertThat(tag).as("configs are seen in reload order").isGreaterThanOrEqualTo(last);
                        last = tag;
                        seen++;
                    } while (!writerDone.get());
                    return seen;
                }));
            }
            Future<?> writer = pool.submit(() -> {
                start.await();
                try {
                    for (int n = 1; n <= reloads; n++) {
                        handle.reload(tagged(n));
                    }
                } finally {
                    writerDone.set(true);
                }
                return null;
            });
            start.countDown();
            writer.get();
            for (Future<Integer> read : reads) {
                assertThat(read.get()).isPositive();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(handle.version()).isEqualTo(reloads);
        assertConsistent(handle.current());
    }

    @Test
    void concurrentUpdatesLoseNothing() throws Exception {
        int threads = 4;
        int updatesEach = 500;
        ConfigReloadHandle handle = new ConfigReloadHandle(DynamicConfig.defaults());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < updatesEach; i++) {
                        handle.update(c -> c.withRateLimits(
                                c.rateLimits().withMaxConnectionsPerIp(c.rateLimits().maxConnectionsPerIp() + 1)));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(handle.current().rateLimits().maxConnectionsPerIp()).isEqualTo(threads * updatesEach);
        assertThat(handle.version()).isEqualTo(threads * updatesEach);
    }
}
