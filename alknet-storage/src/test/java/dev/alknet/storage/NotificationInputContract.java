package dev.alknet.storage;

import static dev.alknet.storage.StreamsContract.take;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;
import net.jqwik.api.statistics.Statistics;

/**
 * Hostile channel names and payloads at notify/listen: each try is either delivered exactly as sent (through the
 * database, so PostgreSQL's own limits are exercised) or rejected with an INVALID {@link StorageException} naming
 * what was wrong, and then nothing was sent. Validity is decided here by an independent model.
 */
abstract class NotificationInputContract {

    StorageService storage;
    Notifications notifications;
    BlockingQueue<Notification> heard;
    NotificationListener payloadListener;

    abstract StorageBackend backend();

    @BeforeProperty
    void open() {
        storage = StorageService.open(backend().freshDatabase());
        notifications = storage.notifications();
        heard = new LinkedBlockingQueue<>();
        payloadListener = notifications.listen("payloads", heard::add);
    }

    @AfterProperty
    void close() {
        payloadListener.close();
        storage.close();
    }

    @Property(tries = 150)
    void payloadsArriveExactlyOrAreRejected(@ForAll("payloads") String payload) throws Exception {
        byte[] utf8 = payload.getBytes(StandardCharsets.UTF_8);
        boolean valid = payload.indexOf('\u0000') < 0 && new String(utf8, StandardCharsets.UTF_8).equals(payload)
                && utf8.length <= Notifications.MAX_PAYLOAD_BYTES;
        try {
            notifications.notify("payloads", payload);
            assertThat(valid).as("accepted a payload the model rejects").isTrue();
            assertThat(take(heard, 1)).containsExactly(new Notification("payloads", payload));
            Statistics.collect("delivered");
        } catch (StorageException e) {
            assertThat(valid).as("rejected a valid payload: " + e.getMessage()).isFalse();
            assertThat(e.kind()).isEqualTo(StorageException.Kind.INVALID);
            assertThat(e.getMessage()).startsWith("notification payload ");
            Statistics.collect("rejected");
        }
    }

    @Property(tries = 100)
    void channelNamesAreUsableOrRejected(@ForAll("channels") String channel) throws Exception {
        boolean valid = !channel.isEmpty() && channel.length() <= 255 && channel.strip().equals(channel)
                && channel.chars().noneMatch(Character::isISOControl)
                && new String(channel.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8).equals(channel);
        BlockingQueue<Notification> got = new LinkedBlockingQueue<>();
        try (NotificationListener l = notifications.listen(channel, got::add)) {
            assertThat(valid).as("listened on a channel the model rejects").isTrue();
            notifications.notify(channel, "ping");
            assertThat(take(got, 1)).containsExactly(new Notification(channel, "ping"));
            Statistics.collect("delivered");
        } catch (StorageException e) {
            assertThat(valid).as("rejected a valid channel: " + e.getMessage()).isFalse();
            assertThat(e.kind()).isEqualTo(StorageException.Kind.INVALID);
            assertThat(e.getMessage()).startsWith("notification channel ");
            Statistics.collect("rejected");
        }
    }

    @Provide
    Arbitrary<String> payloads() {
        // Mostly short hostile text; sometimes runs of multi-byte characters around the 7000-byte limit.
        Arbitrary<String> hostile = Arbitraries.strings().all().ofMaxLength(200);
        Arbitrary<String> nearLimit = Arbitraries.of("a", "é", "€", "😀").flatMap(c -> {
            int each = c.getBytes(StandardCharsets.UTF_8).length;
            return Arbitraries.integers().between(7000 / each - 20, 7000 / each + 20).map(c::repeat);
        });
        Arbitrary<String> mixed = Combinators.combine(Arbitraries.strings().ofMaxLength(10), nearLimit)
                .as((prefix, run) -> prefix + run);
        return Arbitraries.frequencyOf(Tuple.of(3, hostile), Tuple.of(1, nearLimit), Tuple.of(1, mixed),
                Tuple.of(1, Arbitraries.just("")));
    }

    @Provide
    Arbitrary<String> channels() {
        return Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(40),
                Arbitraries.strings().withCharRange('a', 'z').withChars('.', ':', '-', ' ').ofMinLength(250)
                        .ofMaxLength(260));
    }
}
