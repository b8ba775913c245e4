package dev.alknet.core.transport;

import dev.alknet.core.TransportInfo;
import dev.alknet.core.transport.internal.BytePipe;
import java.io.Closeable;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * One end of an in-process connection, for tests and nodes that share a JVM: the gRPC in-process transport idea,
 * over plain streams. Each direction is a bounded buffer, so a fast writer blocks until the peer reads (nothing is
 * dropped and memory stays bounded).
 *
 * <p>Ends behave like a TCP socket: {@link #shutdownOutput()} (or closing {@link #output()}) half-closes,
 * {@link #close()} gives the peer end-of-stream after it drained what was written, and writing to a peer that
 * closed fails with an {@link java.io.IOException}.
 */
public final class InMemoryTransport implements DuplexStream {

    /** Per-direction buffer of {@link #pair()}: large enough for typical frames, small enough to show back-pressure. */
    public static final int DEFAULT_CAPACITY_BYTES = 64 * 1024;

    /**
     * Two connected ends. The names only say which side plays which role in a test; the ends are symmetric.
     * Closing the pair closes both ends.
     */
    public record Pair(InMemoryTransport client, InMemoryTransport server) implements Closeable {
        @Override
        public void close() {
            client.close();
            server.close();
        }
    }

    private final BytePipe inbound;
    private final BytePipe outbound;

    private InMemoryTransport(BytePipe inbound, BytePipe outbound) {
        this.inbound = inbound;
        this.outbound = outbound;
    }

    public static Pair pair() {
        return pair(DEFAULT_CAPACITY_BYTES);
    }

    /**
     * @param capacityBytes how many bytes each direction buffers before the writer blocks, at least 1
     */
    public static Pair pair(int capacityBytes) {
        BytePipe toServer = new BytePipe(capacityBytes);
        BytePipe toClient = new BytePipe(capacityBytes);
        return new Pair(new InMemoryTransport(toClient, toServer), new InMemoryTransport(toServer, toClient));
    }

    @Override
    public InputStream input() {
        return inbound.source();
    }

    @Override
    public OutputStream output() {
        return outbound.sink();
    }

    @Override
    public TransportInfo info() {
        return TransportInfo.inMemory();
    }

    /** Half-close: the peer reads end-of-stream after the buffered bytes; this end can still read. */
    public void shutdownOutput() {
        outbound.closeWriter();
    }

    @Override
    public void close() {
        outbound.closeWriter();
        inbound.closeReader();
    }
}
