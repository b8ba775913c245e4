package dev.alknet.storage;

import static dev.alknet.storage.MetagraphContract.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;

/**
 * Back-pressure of {@link Streams#publisher}: for any sequence of {@code request(n)} calls over a stream of any
 * length, the subscriber gets exactly min(requested, available) events, in order from the first, and the consumer's
 * committed offset is the last one delivered — also after a cancel.
 */
abstract class PublisherDemandContract {

    private static final long WAIT_SECONDS = 30;

    private final AtomicInteger tries = new AtomicInteger();
    private StorageService storage;

    abstract StorageBackend backend();

    @BeforeProperty
    void open() {
        storage = StorageService.open(backend().freshDatabase());
    }

    @AfterProperty
    void close() {
        storage.close();
    }

    @Property(tries = 30)
    void deliveredIsWhatWasRequestedAndCommittedIsWhatWasDelivered(@ForAll @IntRange(max = 12) int available,
            @ForAll("requests") List<Integer> requests) throws Exception {
        Streams streams = storage.streams();
        String stream = "demand-" + tries.incrementAndGet();
        for (int i = 0; i < available; i++) {
            streams.publish(stream, "e", json("{}"));
        }
        RecordingSubscriber sub = new RecordingSubscriber();
        streams.publisher(stream, "c", Duration.ofSeconds(1)).subscribe(sub);
        Flow.Subscription subscription = sub.awaitSubscription();
        List<Long> got = new ArrayList<>();
        long requested = 0;
        for (int n : requests) {
            subscription.request(n);
            requested += n;
            long expected = Math.min(requested, available);
            while (got.size() < expected) {
                Long next = sub.positions.poll(WAIT_SECONDS, TimeUnit.SECONDS);
                assertThat(next).as("event %d of %d requested", got.size() + 1, expected).isNotNull();
                got.add(next);
            }
        }
        // Anything beyond the demand would come now.
        assertThat(sub.positions.poll(50, TimeUnit.MILLISECONDS)).isNull();
        subscription.cancel();
        long delivered = Math.min(requested, available);
        assertThat(got).containsExactlyElementsOf(LongStream.rangeClosed(1, delivered).boxed().toList());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (streams.offset(stream, "c") < delivered && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(streams.offset(stream, "c")).isEqualTo(delivered);
        assertThat(sub.error).isNotDone();
    }

    @Provide
    Arbitrary<List<Integer>> requests() {
        return Arbitraries.integers().between(1, 5).list().ofMaxSize(6);
    }
}
