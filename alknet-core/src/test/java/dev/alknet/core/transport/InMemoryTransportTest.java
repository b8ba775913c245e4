package dev.alknet.core.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.alknet.core.TransportKind;
import dev.alknet.core.frame.EventEnvelope;
import dev.alknet.core.frame.FrameReader;
import dev.alknet.core.frame.FrameWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.IntNode;
import tools.jackson.databind.node.StringNode;

class InMemoryTransportTest {

    /** Only a guard against hangs; every test finishes in milliseconds. */
    private static final Duration HANG_GUARD = Duration.ofSeconds(60);

    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void endsAreInMemoryTransports() {
        try (InMemoryTransport.Pair pair = InMemoryTransport.pair()) {
            assertThat(pair.client().info().kind()).isEqualTo(TransportKind.IN_MEMORY);
            assertThat(pair.server().info().remoteAddress()).isNull();
            assertThat(pair.client().input()).isSameAs(pair.client().input());
        }
    }

    @Test
    void echoesBothWays() throws Exception {
        try (InMemoryTransport.Pair pair = InMemoryTransport.pair()) {
            Future<?> echo = background(() -> {
                InputStream in = pair.server().input();
                OutputStream out = pair.server().output();
                byte[] buffer = new byte[100];
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    out.write(buffer, 0, n);
                }
                pair.server().shutdownOutput();
            });
            pair.client().output().write("ping".getBytes());
            pair.client().shutdownOutput();
            assertThat(pair.client().input().readAllBytes()).isEqualTo("ping".getBytes());
            await(echo);
        }
    }

    @Test
    void aTransferFarLargerThanTheBufferArrivesWholeAndInOrder() throws Exception {
        byte[] data = new byte[4 * 1024 * 1024 + 17];
        new Random(42).nextBytes(data);
        try (InMemoryTransport.Pair pair = InMemoryTransport.pair(1000)) {
            Future<?> writer = background(() -> {
                Random sizes = new Random(7);
                for (int position = 0; position < data.length; ) {
                    int n = Math.min(1 + sizes.nextInt(5000), data.length - position);
                    pair.client().output().write(data, position, n);
                    position += n;
                }
                pair.client().close();
            });
            assertThat(assertTimeoutPreemptively(HANG_GUARD, pair.server().input()::readAllBytes)).isEqualTo(data);
            await(writer);
        }
    }

    @Test
    void closeGivesThePeerEndOfStreamAfterItDrainedTheBuffer() throws IOException {
        try (InMemoryTransport.Pair pair = InMemoryTransport.pair()) {
            pair.client().output().write(new byte[] {1, 2, 3});
            pair.client().close();
            assertThat(pair.server().input().available()).isEqualTo(3);
            assertThat(pair.server().input().readAllBytes()).containsExactly(1, 2, 3);
            assertThat(pair.server().input().read()).isEqualTo(-1);
        }
    }

    @Test
    void halfCloseKeepsTheOtherDirectionOpen() throws IOException {
        try (InMemoryTransport.Pair pair = InMemoryTransport.pair()) {
            pair.client().output().write(7);
            pair.client().output().close();
            assertThat(pair.server().input().readAllBytes()).containsExactly(7);
            pair.server().output().write(9);
            assertThat(pair.client().input().read()).isEqualTo(9);
            assertThatThrownBy(() -> pair.client().output().write(1)).isInstanceOf(IOException.class)
                    .hasMessageContaining("output of the in-memory stream is shut down");
        }
    }

    @Test
    void writingToAClosedPeerFails() throws IOException {
        try (InMemoryTransport.Pair pair = InMemoryTransport.pair()) {
            pair.server().close();
            assertThatThrownBy(() -> pair.client().output().write(new byte[10])).isInstanceOf(IOException.class)
                    .hasMessage("cannot write: the in-memory peer has closed its input");
            assertThatThrownBy(() -> pair.server().input().read()).isInstanceOf(IOException.class)
                    .hasMessageContaining("closed");
        }
    }

    @Test
    void aWriterBlockedOnAFullBufferFailsWhenThePeerCloses() {
        try (InMemoryTransport.Pair pair = InMemoryTransport.pair(16)) {
            Blocker writer = new Blocker(() -> pair.client().output().write(new byte[64]));
            writer.awaitBlocked();
            pair.server().close();
            assertThat(writer.awaitEnd()).isInstanceOf(IOException.class).hasMessageContaining("peer has closed");
        }
    }

    @Test
    void interruptUnblocksAReaderAndKeepsTheInterruptStatus() {
        try (InMemoryTransport.Pair pair = InMemoryTransport.pair()) {
            Blocker reader = new Blocker(() -> pair.server().input().read());
            reader.awaitBlocked();
            reader.thread.interrupt();
            assertThat(reader.awaitEnd()).isInstanceOf(InterruptedIOException.class);
            assertThat(reader.interruptedAtEnd).isTrue();
        }
    }

    @Test
    void interruptUnblocksAWriterAndReportsWhatWasWritten() {
        try (InMemoryTransport.Pair pair = InMemoryTransport.pair(16)) {
            Blocker writer = new Blocker(() -> pair.client().output().write(new byte[64]));
            writer.awaitBlocked();
            writer.thread.interrupt();
            assertThat(writer.awaitEnd()).isInstanceOfSatisfying(InterruptedIOException.class,
                    e -> assertThat(e.bytesTransferred).isEqualTo(16));
        }
    }

    @Test
    void concurrentFrameWritersNeverInterleaveFrames() throws Exception {
        int writers = 4;
        int framesEach = 300;
        try (InMemoryTransport.Pair pair = InMemoryTransport.pair(512)) {
            FrameWriter writer = new FrameWriter(pair.client().output());
            List<Future<?>> sending = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                String id = "writer-" + w;
                sending.add(background(() -> {
                    for (int i = 0; i < framesEach; i++) {
                        writer.write(new EventEnvelope("seq", id, IntNode.valueOf(i)));
                    }
                }));
            }
            Future<?> closer = background(() -> {
                for (Future<?> f : sending) {
                    await(f);
                }
                writer.close();
            });

            Map<String, Integer> next = new HashMap<>();
            FrameReader reader = new FrameReader(pair.server().input());
            assertTimeoutPreemptively(HANG_GUARD, () -> {
                for (EventEnvelope e = reader.read(); e != null; e = reader.read()) {
                    int expected = next.getOrDefault(e.id(), 0);
                    assertThat(e.payload().intValue()).as("frame order of " + e.id()).isEqualTo(expected);
                    next.put(e.id(), expected + 1);
                }
            });
            await(closer);
            assertThat(next).hasSize(writers).allSatisfy((id, count) -> assertThat(count).isEqualTo(framesEach));
        }
    }

    @Test
    void aSeveralMebibyteFrameCrossesASmallPipe() throws Exception {
        EventEnvelope big = new EventEnvelope("blob", "b", StringNode.valueOf("ü".repeat(3 * 1024 * 1024)));
        try (InMemoryTransport.Pair pair = InMemoryTransport.pair(4096)) {
            Future<?> sender = background(() -> {
                FrameWriter writer = new FrameWriter(pair.client().output());
                writer.write(big);
                writer.close();
            });
            FrameReader reader = new FrameReader(pair.server().input());
            assertThat(assertTimeoutPreemptively(HANG_GUARD, reader::read)).isEqualTo(big);
            assertThat(reader.read()).isNull();
            await(sender);
        }
    }

    @Test
    void capacityMustBePositive() {
        assertThatThrownBy(() -> InMemoryTransport.pair(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1 byte");
    }

    private interface Task {
        void run() throws Exception;
    }

    private Future<?> background(Task task) {
        return threads.submit(() -> {
            task.run();
            return null;
        });
    }

    private static void await(Future<?> future) throws Exception {
        assertTimeoutPreemptively(HANG_GUARD, () -> future.get());
    }

    /** One blocking call on its own thread, so a test can watch it park and see how it ended. */
    private static final class Blocker {
        final Thread thread;
        volatile Throwable failure;
        volatile boolean interruptedAtEnd;

        Blocker(Task call) {
            thread = new Thread(() -> {
                try {
                    call.run();
                } catch (Throwable t) {
                    failure = t;
                } finally {
                    interruptedAtEnd = Thread.currentThread().isInterrupted();
                }
            }, "blocker");
            thread.start();
        }

        void awaitBlocked() {
            assertTimeoutPreemptively(HANG_GUARD, () -> {
                while (thread.getState() != Thread.State.WAITING) {
                    Thread.onSpinWait();
                }
            });
        }

        Throwable awaitEnd() {
            assertTimeoutPreemptively(HANG_GUARD, () -> thread.join());
            return failure;
        }
    }
}
