package dev.alknet.callproto;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alknet.core.Identity;
import dev.alknet.core.frame.EventEnvelope;
import dev.alknet.core.frame.FrameReader;
import dev.alknet.core.frame.FrameWriter;
import dev.alknet.core.transport.InMemoryTransport;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A session under test on one end of a pair, and hand-written frames on the other. */
final class RawPeer implements AutoCloseable {

    final CallSession session;
    private final InMemoryTransport.Pair pair;
    private final FrameWriter writer;
    private final FrameReader reader;
    private final ExecutorService reads = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "raw-peer-reader");
        thread.setDaemon(true);
        return thread;
    });

    RawPeer(OperationRegistry ops, Identity peer) {
        pair = InMemoryTransport.pair();
        session = CallSession.builder(pair.server(), peer).registry(ops).name("under-test").start();
        writer = new FrameWriter(pair.client().output());
        reader = new FrameReader(pair.client().input());
    }

    void send(EventEnvelope envelope) {
        try {
            writer.write(envelope);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes raw bytes, e.g. a broken frame; false when the session already closed its end. */
    boolean sendBytes(byte[] bytes) {
        try {
            OutputStream out = pair.client().output();
            out.write(bytes);
            out.flush();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The next envelope from the session, or null at end of stream. */
    EventEnvelope read() {
        return Nodes.await(CompletableFuture.supplyAsync(() -> {
            try {
                return reader.read();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, reads));
    }

    /** Reads until the envelope for {@code requestId}, checking that everything read is a call event. */
    EventEnvelope readFor(String requestId) {
        while (true) {
            EventEnvelope envelope = read();
            assertThat(envelope).as("the session ended before answering " + requestId).isNotNull();
            assertThat(envelope.type()).isIn("call.responded", "call.error", "call.completed");
            if (envelope.id().equals(requestId)) {
                return envelope;
            }
        }
    }

    @Override
    public void close() {
        session.close();
        pair.close();
        reads.shutdownNow();
    }
}
