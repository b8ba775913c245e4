package dev.alknet.bench.rpc;

import dev.alknet.core.frame.FrameCodec;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.JsonNode;

/**
 * Subscription items per second over the in-memory transport: one subscription of {@value #ITEMS} small items per
 * invocation, with default buffers and windows, a subscriber that asks for everything at once and only counts.
 * Target (issue 4): ≥ 500,000 items/s, an absolute bound.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(2)
public class SubscriptionBench {

    static final int ITEMS = 10_000;

    private final JsonNode input = FrameCodec.jsonMapper().createObjectNode().put("items", ITEMS);
    private Connection connection;

    @Setup
    public void connect() {
        connection = Connection.inMemory();
    }

    @TearDown
    public void close() throws Exception {
        connection.close();
    }

    @Benchmark
    @OperationsPerInvocation(ITEMS)
    public long inMemoryItems() throws Exception {
        Counter counter = new Counter();
        connection.session.subscribe(EchoOperations.FEED, input).subscribe(counter);
        long received = counter.done.get();
        if (received != ITEMS) {
            throw new IllegalStateException("received " + received + " of " + ITEMS + " items");
        }
        return received;
    }

    /** Counts items; signals are serialised by the publisher, so a plain field is enough. */
    private static final class Counter implements Flow.Subscriber<JsonNode> {
        final CompletableFuture<Long> done = new CompletableFuture<>();
        private long items;

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(JsonNode item) {
            items++;
        }

        @Override
        public void onError(Throwable failure) {
            done.completeExceptionally(failure);
        }

        @Override
        public void onComplete() {
            done.complete(items);
        }
    }
}
