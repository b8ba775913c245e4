package dev.alknet.storage;

import static dev.alknet.storage.StreamsContract.take;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Ephemeral notify/listen, identical on every dialect (within one JVM; see {@link Notifications}). */
abstract class NotificationsContract {

    private static final long WAIT_SECONDS = 30;
    private static final int MAX_CHANNEL = 255;

    StorageConfig config;
    StorageService storage;
    Notifications notifications;

    abstract StorageBackend backend();

    @BeforeEach
    void open() {
        config = backend().freshDatabase();
        storage = StorageService.open(config);
        notifications = storage.notifications();
    }

    @AfterEach
    void close() {
        storage.close();
    }

    @Test
    void aListenerHearsItsChannelInOrderAndNothingElse() throws Exception {
        BlockingQueue<Notification> a = new LinkedBlockingQueue<>();
        BlockingQueue<Notification> b = new LinkedBlockingQueue<>();
        try (NotificationListener la = notifications.listen("jobs.a", a::add);
                NotificationListener lb = notifications.listen("jobs.b", b::add)) {
            for (int i = 0; i < 20; i++) {
                notifications.notify("jobs.a", "m" + i);
            }
            notifications.notify("jobs.b", "");
            assertThat(take(b, 1)).containsExactly(new Notification("jobs.b", ""));
            assertThat(take(a, 20)).extracting(Notification::payload)
                    .containsExactlyElementsOf(IntStream.range(0, 20).mapToObj(i -> "m" + i).toList());
            assertThat(la.channel()).isEqualTo("jobs.a");
            assertThat(la.dropped()).isZero();
        }
    }

    @Test
    void anotherServiceOnTheSameDatabaseHearsIt() throws Exception {
        BlockingQueue<Notification> heard = new LinkedBlockingQueue<>();
        try (StorageService other = StorageService.open(config);
                NotificationListener l = other.notifications().listen("wake", heard::add)) {
            notifications.notify("wake", "{\"from\": \"first\"}");
            assertThat(take(heard, 1)).containsExactly(new Notification("wake", "{\"from\": \"first\"}"));
        }
    }

    @Test
    void nothingIsKeptForListenersThatCameLater() throws Exception {
        BlockingQueue<Notification> early = new LinkedBlockingQueue<>();
        BlockingQueue<Notification> late = new LinkedBlockingQueue<>();
        try (NotificationListener e = notifications.listen("c", early::add)) {
            notifications.notify("c", "before");
            // Once the early listener has it, it has passed every delivery path; a later listener cannot get it.
            assertThat(take(early, 1)).extracting(Notification::payload).containsExactly("before");
            try (NotificationListener l = notifications.listen("c", late::add)) {
                notifications.notify("c", "after");
                assertThat(take(late, 1)).extracting(Notification::payload).containsExactly("after");
            }
        }
    }

    @Test
    void aClosedListenerHearsNothingMore() throws Exception {
        BlockingQueue<Notification> closed = new LinkedBlockingQueue<>();
        BlockingQueue<Notification> open = new LinkedBlockingQueue<>();
        NotificationListener gone = notifications.listen("c", closed::add);
        try (NotificationListener stays = notifications.listen("c", open::add)) {
            gone.close();
            notifications.notify("c", "x");
            assertThat(take(open, 1)).extracting(Notification::payload).containsExactly("x");
            assertThat(closed).isEmpty();
        }
    }

    @Test
    void aFailingHandlerKeepsListening() throws Exception {
        BlockingQueue<String> heard = new LinkedBlockingQueue<>();
        try (NotificationListener l = notifications.listen("c", n -> {
            heard.add(n.payload());
            if (n.payload().equals("bad")) {
                throw new IllegalStateException("handler failure");
            }
        })) {
            notifications.notify("c", "bad");
            notifications.notify("c", "good");
            assertThat(take(heard, 2)).containsExactly("bad", "good");
        }
    }

    @Test
    void aListenerThatFallsBehindLosesTheOverflowAndCountsIt() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger handled = new AtomicInteger();
        int sent = Notifications.LISTENER_BUFFER + 100;
        try (NotificationListener l = notifications.listen("burst", n -> {
            awaitQuietly(release);
            handled.incrementAndGet();
        })) {
            for (int i = 0; i < sent; i++) {
                notifications.notify("burst", Integer.toString(i));
            }
            // The handler holds the first; the buffer takes the next LISTENER_BUFFER; the rest is dropped.
            awaitCondition(() -> l.dropped() >= 99);
            release.countDown();
            awaitCondition(() -> handled.get() + l.dropped() == sent);
            assertThat(l.dropped()).isBetween(99L, 100L);
        }
    }

    @Test
    void malformedChannelsAndPayloadsAreRejectedAndTheLimitsFit() throws Exception {
        MetagraphContract.assertKind(() -> notifications.notify("", "x"), StorageException.Kind.INVALID)
                .hasMessageContaining("notification channel must not be empty");
        MetagraphContract.assertKind(() -> notifications.notify("a\nb", "x"), StorageException.Kind.INVALID)
                .hasMessageContaining("notification channel must not contain control characters");
        MetagraphContract.assertKind(() -> notifications.listen(" a", n -> { }), StorageException.Kind.INVALID)
                .hasMessageContaining("notification channel");
        MetagraphContract.assertKind(() -> notifications.notify("c", "a\u0000b"), StorageException.Kind.INVALID)
                .hasMessageContaining("notification payload contains U+0000 at index 1");
        MetagraphContract.assertKind(() -> notifications.notify("c", "\ud800"), StorageException.Kind.INVALID)
                .hasMessageContaining("unpaired surrogate");
        MetagraphContract.assertKind(() -> notifications.notify("c", "é".repeat(3501)), StorageException.Kind.INVALID)
                .hasMessageContaining("notification payload is 7002 UTF-8 bytes, more than 7000");

        // The largest channel (255 three-byte characters) with the largest payload still goes through PostgreSQL.
        String channel = "€".repeat(MAX_CHANNEL);
        String payload = "é".repeat(3500);
        BlockingQueue<Notification> heard = new LinkedBlockingQueue<>();
        try (NotificationListener l = notifications.listen(channel, heard::add)) {
            notifications.notify(channel, payload);
            assertThat(take(heard, 1)).containsExactly(new Notification(channel, payload));
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitCondition(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(condition.getAsBoolean()).isTrue();
    }
}
