package dev.alknet.callproto;

import static dev.alknet.callproto.CallSessionTest.awaitLatch;
import static dev.alknet.callproto.Nodes.await;
import static dev.alknet.callproto.Nodes.number;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.alknet.callproto.internal.StreamPublisher;
import dev.alknet.core.Identity;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class SubscriptionTest {

    private static final Identity ALICE = Identity.of("SHA256:alice");

    private static OperationRegistry counting(int count, AtomicInteger emitted, AtomicReference<Thread> producer) {
        return OperationRegistry.create().subscription("/right/count/up", spec -> { }, (input, env, sink) -> {
            producer.set(Thread.currentThread());
            for (int i = 0; i < count; i++) {
                sink.emit(i);
                emitted.incrementAndGet();
            }
        });
    }

    @Test
    void itemsArriveInOrderThenTheStreamCompletes() {
        try (Nodes nodes = Nodes.serving(counting(300, new AtomicInteger(), new AtomicReference<>()), ALICE)) {
            Collector collector = Collector.unbounded();
            nodes.left.subscribe("/right/count/up", null).subscribe(collector);
            assertThat(await(collector.done)).extracting(JsonNode::intValue)
                    .containsExactlyElementsOf(IntStream.range(0, 300).boxed().toList());
        }
    }

    @Test
    void aStalledConsumerHoldsTheProducerBackAndLosesNothing() throws InterruptedException {
        int total = 2_000;
        int buffers = 4;
        int pipeBytes = 512;
        AtomicInteger emitted = new AtomicInteger();
        AtomicReference<Thread> producer = new AtomicReference<>();
        try (Nodes nodes = Nodes.connect(OperationRegistry.create(), Identity.anonymous(),
                counting(total, emitted, producer), ALICE, pipeBytes, buffers)) {
            Flow.Publisher<JsonNode> stream = nodes.left.subscribe("/right/count/up", null);
            Collector collector = Collector.upTo(10);
            stream.subscribe(collector);
            awaitProducerParked(producer, emitted, total);

            // Everything emitted is somewhere bounded: delivered, in the subscription buffer, in the reader's hands or
            // read-ahead, in the pipe (a frame is over 100 bytes), or in the handler side's outbound window.
            int bytesWorthOfFrames = pipeBytes / 100 + 1;
            int bound = collector.items.size() + buffers + 1 + 2 * bytesWorthOfFrames + buffers;
            assertThat(emitted.get()).isLessThanOrEqualTo(bound).isLessThan(total);
            assertThat(((StreamPublisher) stream).maxBuffered()).isLessThanOrEqualTo(buffers);

            collector.subscription.request(Long.MAX_VALUE);
            assertThat(await(collector.done)).extracting(JsonNode::intValue)
                    .containsExactlyElementsOf(IntStream.range(0, total).boxed().toList());
            assertThat(((StreamPublisher) stream).maxBuffered()).isLessThanOrEqualTo(buffers);
        }
    }

    @Test
    void aSlowConsumerNeverLetsTheProducerRunAhead() {
        int total = 1_000;
        int buffers = 4;
        AtomicInteger emitted = new AtomicInteger();
        AtomicInteger maxLead = new AtomicInteger();
        try (Nodes nodes = Nodes.connect(OperationRegistry.create(), Identity.anonymous(),
                counting(total, emitted, new AtomicReference<>()), ALICE, 512, buffers)) {
            Collector collector = Collector.oneByOne((c, item) -> {
                maxLead.accumulateAndGet(emitted.get() - c.items.size(), Math::max);
                Thread.yield();
            });
            nodes.left.subscribe("/right/count/up", null).subscribe(collector);
            assertThat(await(collector.done)).hasSize(total);
            assertThat(maxLead.get()).isLessThanOrEqualTo(2 * buffers + 1 + 2 * (512 / 100 + 1));
        }
    }

    @Test
    void cancellingSendsAnAbortThatStopsTheHandler() {
        CountDownLatch stopped = new CountDownLatch(1);
        OperationRegistry ops = OperationRegistry.create().subscription("/right/ticks/forever", spec -> { },
                (input, env, sink) -> {
                    try {
                        for (int i = 0; ; i++) {
                            sink.emit(number(i));
                        }
                    } catch (InterruptedException | CancellationException e) {
                        if (env.isCancelled()) {
                            stopped.countDown();
                        }
                    }
                });
        try (Nodes nodes = Nodes.serving(ops, ALICE)) {
            Collector collector = Collector.oneByOne((c, item) -> {
                if (c.items.size() == 3) {
                    c.subscription.cancel();
                    c.done.complete(c.items);
                }
            });
            nodes.left.subscribe("/right/ticks/forever", null).subscribe(collector);
            awaitLatch(stopped);
            assertThat(await(collector.done)).hasSize(3);
            assertThat(await(nodes.left.call("/services/list", null)).has("operations")).isTrue();
        }
    }

    @Test
    void aFailingHandlerEndsTheStreamWithItsError() {
        OperationRegistry ops = OperationRegistry.create().subscription("/right/x/flaky", spec -> { },
                (input, env, sink) -> {
                    sink.emit(number(1));
                    sink.emit(number(2));
                    throw new IllegalStateException("sensor unplugged");
                });
        try (Nodes nodes = Nodes.serving(ops, ALICE)) {
            Collector collector = Collector.unbounded();
            nodes.left.subscribe("/right/x/flaky", null).subscribe(collector);
            Throwable failure = catchThrowable(() -> await(collector.done));
            assertThat(failure).isInstanceOf(CompletionException.class).cause().isInstanceOf(CallException.class)
                    .hasMessage("sensor unplugged");
            assertThat(collector.items).extracting(JsonNode::intValue).containsExactly(1, 2);
        }
    }

    @Test
    void closingTheSessionFailsOpenStreamsAndCancelsTheirHandlers() {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch cancelled = new CountDownLatch(1);
        OperationRegistry ops = OperationRegistry.create().subscription("/right/x/idle", spec -> { },
                (input, env, sink) -> {
                    started.countDown();
                    try {
                        new CountDownLatch(1).await();
                    } catch (InterruptedException e) {
                        cancelled.countDown();
                    }
                });
        try (Nodes nodes = Nodes.serving(ops, ALICE)) {
            Collector collector = Collector.unbounded();
            nodes.left.subscribe("/right/x/idle", null).subscribe(collector);
            awaitLatch(started);
            nodes.left.close();
            Throwable failure = catchThrowable(() -> await(collector.done));
            assertThat(((CallException) failure.getCause()).code()).isEqualTo(ErrorCode.ABORTED);
            awaitLatch(cancelled);
        }
    }

    @Test
    void aPublisherServesOneSubscriber() {
        try (Nodes nodes = Nodes.serving(counting(1, new AtomicInteger(), new AtomicReference<>()), ALICE)) {
            Flow.Publisher<JsonNode> stream = nodes.left.subscribe("/right/count/up", null);
            Collector first = Collector.unbounded();
            Collector second = Collector.unbounded();
            stream.subscribe(first);
            stream.subscribe(second);
            assertThat(await(first.done)).hasSize(1);
            assertThat(catchThrowable(() -> await(second.done))).cause().isInstanceOf(IllegalStateException.class);
        }
    }

    /** Hang guard only: waits until the producer sits parked in emit with its count unchanged across two looks. */
    private static void awaitProducerParked(AtomicReference<Thread> producer, AtomicInteger emitted, int total)
            throws InterruptedException {
        long giveUp = System.nanoTime() + Nodes.HANG_GUARD.toNanos();
        int stableLooks = 0;
        int last = -1;
        while (stableLooks < 3) {
            assertThat(System.nanoTime()).as("hang guard").isLessThan(giveUp);
            Thread.sleep(20);
            Thread thread = producer.get();
            int now = emitted.get();
            assertThat(now).as("the producer ran to the end: nothing held it back").isLessThan(total);
            boolean parked = thread != null && thread.getState() == Thread.State.WAITING
                    && List.of(thread.getStackTrace()).stream().anyMatch(f -> f.getMethodName().equals("sendItem"));
            stableLooks = parked && now == last ? stableLooks + 1 : 0;
            last = now;
        }
    }
}
