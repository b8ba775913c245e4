package dev.alknet.callproto.net.internal;

import dev.alknet.transport.Tunnel;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;

/**
 * A blocking {@link OutputStream} over {@link Tunnel#write}. Each write waits for the previous write's future
 * before handing over its own bytes: at most one write is in flight, so a peer that stops reading blocks the
 * writer (back-pressure), while encoding the next frame overlaps with sending the last one. Single writer thread.
 */
public final class TunnelOutput extends OutputStream {

    private final Tunnel tunnel;
    private CompletableFuture<Void> inFlight = CompletableFuture.completedFuture(null);
    private boolean closed;

    public TunnelOutput(Tunnel tunnel) {
        this.tunnel = tunnel;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (closed) {
            throw new IOException("stream closed");
        }
        if (len == 0) {
            return;
        }
        Waits.await(inFlight, "write");
        ByteBuf data = ByteBufAllocator.DEFAULT.ioBuffer(len).writeBytes(b, off, len);
        inFlight = tunnel.write(data);
    }

    /** The bytes are with the tunnel already; waiting here would only serialise writes. */
    @Override
    public void flush() {
    }

    /** Half-close: once the last write went out, the peer reads end of stream. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        Waits.await(inFlight, "write");
        Waits.await(tunnel.shutdownOutput(), "shutdown");
    }
}
