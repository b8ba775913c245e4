package dev.alknet.testkit;

import dev.alknet.core.TransportInfo;
import dev.alknet.core.transport.DuplexStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.CountDownLatch;

/**
 * A stream whose reads can be frozen, to play a node that hangs: it stops reading, so it answers nothing, while its
 * connection stays open. Closing releases a frozen read with end-of-stream.
 */
final class StallableStream implements DuplexStream {

    private final DuplexStream delegate;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final InputStream input;
    private volatile boolean stalled;

    StallableStream(DuplexStream delegate) {
        this.delegate = delegate;
        this.input = new FilterInputStream(delegate.input()) {
            @Override
            public int read() throws IOException {
                waitWhileStalled();
                return super.read();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                waitWhileStalled();
                return super.read(b, off, len);
            }
        };
    }

    void stall() {
        stalled = true;
    }

    private void waitWhileStalled() throws IOException {
        if (!stalled) {
            return;
        }
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while stalled");
        }
        throw new IOException("stream closed while stalled");
    }

    @Override
    public InputStream input() {
        return input;
    }

    @Override
    public OutputStream output() {
        return delegate.output();
    }

    @Override
    public TransportInfo info() {
        return delegate.info();
    }

    @Override
    public void close() throws IOException {
        closed.countDown();
        delegate.close();
    }
}
