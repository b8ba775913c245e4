package dev.alknet.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ConnectionLimiterTest {

    private final ConnectionLimiter limiter = new ConnectionLimiter();

    private static InetAddress ip(String text) throws Exception {
        return InetAddress.getByName(text);
    }

    @Test
    void refusesBeyondTheLimitAndFreesASlotOnClose() throws Exception {
        InetAddress a = ip("192.0.2.1");
        ConnectionLimiter.Permit first = limiter.tryAcquire(a, 2).orElseThrow();
        ConnectionLimiter.Permit second = limiter.tryAcquire(a, 2).orElseThrow();

        assertThat(limiter.tryAcquire(a, 2)).isEmpty();
        assertThat(limiter.tryAcquire(ip("192.0.2.2"), 2)).isPresent();

        first.close();
        first.close();
        assertThat(limiter.openConnections(a)).isEqualTo(1);
        assertThat(limiter.tryAcquire(a, 2)).isPresent();
        second.close();
    }

    @Test
    void removesAnAddressWhenItsLastConnectionCloses() throws Exception {
        ConnectionLimiter.Permit permit = limiter.tryAcquire(ip("2001:db8::1"), 1).orElseThrow();
        assertThat(limiter.trackedAddresses()).isEqualTo(1);

        permit.close();

        assertThat(limiter.trackedAddresses()).isZero();
        assertThat(limiter.openConnections(ip("2001:db8::1"))).isZero();
    }

    @Test
    void zeroMeansUnlimitedButStillCounts() throws Exception {
        InetAddress a = ip("192.0.2.1");
        for (int i = 0; i < 100; i++) {
            assertThat(limiter.tryAcquire(a, 0)).isPresent();
        }

        assertThat(limiter.openConnections(a)).isEqualTo(100);
        assertThat(limiter.tryAcquire(a, 100)).as("a limit set later counts open connections").isEmpty();
    }

    @Test
    void treatsIpv4MappedIpv6AsTheSameAddressAndIpv6Separately() throws Exception {
        limiter.tryAcquire(ip("192.0.2.1"), 1).orElseThrow();

        assertThat(limiter.tryAcquire(ip("::ffff:192.0.2.1"), 1)).isEmpty();
        assertThat(limiter.tryAcquire(ip("2001:db8::1"), 1)).isPresent();
        assertThat(limiter.tryAcquire(ip("2001:db8::2"), 1)).isPresent();
        assertThat(limiter.tryAcquire(ip("2001:db8::1"), 1)).isEmpty();
    }

    @Test
    void connectionsWithoutAnAddressAreNotLimited() {
        assertThat(limiter.tryAcquire(null, 1)).isPresent();
        assertThat(limiter.tryAcquire(null, 1)).isPresent();
        assertThat(limiter.trackedAddresses()).isZero();
    }

    @Test
    void rejectsNegativeLimits() {
        assertThatThrownBy(() -> limiter.tryAcquire(null, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void neverExceedsTheLimitUnderConcurrentAcceptAndClose() throws Exception {
        int threads = 8;
        int rounds = 2000;
        int limit = 3;
        InetAddress a = ip("198.51.100.7");
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger maxSeen = new AtomicInteger();
        AtomicInteger granted = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                work.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < rounds; i++) {
                        Optional<ConnectionLimiter.Permit> permit = limiter.tryAcquire(a, limit);
                        if (permit.isPresent()) {
                            granted.incrementAndGet();
                            maxSeen.accumulateAndGet(inside.incrementAndGet(), Math::max);
                            inside.decrementAndGet();
                            permit.get().close();
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : work) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(maxSeen.get()).isLessThanOrEqualTo(limit);
        assertThat(granted.get()).isPositive();
        assertThat(limiter.trackedAddresses()).isZero();
    }

    @Test
    void countsStayExactUnderConcurrentUnlimitedAccepts() throws Exception {
        InetAddress a = ip("198.51.100.8");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<List<ConnectionLimiter.Permit>>> work = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            work.add(pool.submit(() -> {
                List<ConnectionLimiter.Permit> permits = new ArrayList<>();
                for (int i = 0; i < 500; i++) {
                    permits.add(limiter.tryAcquire(a, 0).orElseThrow());
                }
                return permits;
            }));
        }
        List<ConnectionLimiter.Permit> all = new ArrayList<>();
        for (Future<List<ConnectionLimiter.Permit>> future : work) {
            all.addAll(future.get(60, TimeUnit.SECONDS));
        }
        assertThat(limiter.openConnections(a)).isEqualTo(2000);

        List<Future<?>> closes = new ArrayList<>();
        for (ConnectionLimiter.Permit permit : all) {
            closes.add(pool.submit(permit::close));
        }
        for (Future<?> future : closes) {
            future.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertThat(limiter.trackedAddresses()).isZero();
    }
}
