package dev.alknet.core.frame;

import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Writes envelopes to a blocking stream, one flushed frame per call. Safe for concurrent use: each frame is
 * encoded by its calling thread, then written whole under a lock, so frames never interleave.
 */
public final class FrameWriter implements Closeable {

    private final OutputStream out;
    private final FrameCodec codec;
    // A lock rather than synchronized: a virtual thread blocked in write() under a monitor would pin its carrier.
    private final ReentrantLock lock = new ReentrantLock();

    public FrameWriter(OutputStream out) {
        this(out, FrameCodec.defaults());
    }

    public FrameWriter(OutputStream out, FrameCodec codec) {
        this.out = Objects.requireNonNull(out, "out");
        this.codec = Objects.requireNonNull(codec, "codec");
    }

    /**
     * Writes one frame and flushes.
     *
     * @throws FrameException of kind {@code OVERSIZE} when the envelope exceeds the limit (nothing is written)
     */
    public void write(EventEnvelope envelope) throws IOException {
        byte[] frame = codec.encode(envelope);
        lockInterruptibly();
        try {
            out.write(frame);
            out.flush();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Writes one frame without flushing, for a writer that sends a batch of frames and then calls {@link #flush}.
     *
     * @throws FrameException of kind {@code OVERSIZE} when the envelope exceeds the limit (nothing is written)
     */
    public void append(EventEnvelope envelope) throws IOException {
        byte[] frame = codec.encode(envelope);
        lockInterruptibly();
        try {
            out.write(frame);
        } finally {
            lock.unlock();
        }
    }

    /** Flushes the frames appended so far. */
    public void flush() throws IOException {
        lockInterruptibly();
        try {
            out.flush();
        } finally {
            lock.unlock();
        }
    }

    /** Closes the underlying stream, after any frame being written. */
    @Override
    public void close() throws IOException {
        lockInterruptibly();
        try {
            out.close();
        } finally {
            lock.unlock();
        }
    }

    /** Waiting behind a writer blocked on a full stream must stay interruptible, like the write itself. */
    private void lockInterruptibly() throws InterruptedIOException {
        try {
            lock.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to write a frame");
        }
    }
}
