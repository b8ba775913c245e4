package dev.alknet.callproto.net.internal;

import dev.alknet.transport.Tunnel;
import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CompletableFuture;

/**
 * A blocking {@link InputStream} over {@link Tunnel#read()}: one read outstanding at a time, each chunk copied out
 * of its buffer and the buffer released as soon as it is drained. The wait happens outside the lock, so
 * {@link #close()} from another thread never blocks behind a reader.
 */
public final class TunnelInput extends InputStream {

    private final Tunnel tunnel;
    private ByteBuf current;
    private CompletableFuture<ByteBuf> pending;
    private boolean ended;
    private boolean closed;

    public TunnelInput(Tunnel tunnel) {
        this.tunnel = tunnel;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        while (true) {
            CompletableFuture<ByteBuf> next;
            synchronized (this) {
                if (closed) {
                    throw new IOException("stream closed");
                }
                if (current != null) {
                    if (current.isReadable()) {
                        int n = Math.min(len, current.readableBytes());
                        current.readBytes(b, off, n);
                        return n;
                    }
                    current.release();
                    current = null;
                }
                if (ended) {
                    return -1;
                }
                if (pending == null) {
                    pending = tunnel.read();
                }
                next = pending;
            }
            ByteBuf chunk = Waits.await(next, "read");
            synchronized (this) {
                if (pending != next) {
                    // close() took the read over and releases what it brings.
                    throw new IOException("stream closed");
                }
                pending = null;
                if (chunk == null) {
                    ended = true;
                } else {
                    current = chunk;
                }
            }
        }
    }

    @Override
    public synchronized int available() {
        return current == null || closed ? 0 : current.readableBytes();
    }

    /** Releases what is buffered, and whatever the outstanding read still brings; does not close the tunnel. */
    @Override
    public void close() {
        CompletableFuture<ByteBuf> orphan;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            if (current != null) {
                current.release();
                current = null;
            }
            orphan = pending;
            pending = null;
        }
        if (orphan != null) {
            orphan.thenAccept(chunk -> {
                if (chunk != null) {
                    chunk.release();
                }
            });
        }
    }
}
