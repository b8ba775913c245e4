package dev.alknet.core.transport.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One direction of an in-memory connection: a bounded ring buffer with a blocking writer side and a blocking
 * reader side. A full buffer blocks the writer (back-pressure, never loss); closing the writer side gives the
 * reader end-of-stream after the buffered bytes; closing the reader side makes further writes fail, since nobody
 * will ever read them.
 */
public final class BytePipe {

    private final byte[] ring;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition readable = lock.newCondition();
    private final Condition writable = lock.newCondition();
    private int head;
    private int count;
    private boolean writerClosed;
    private boolean readerClosed;
    private final InputStream source = new Source();
    private final OutputStream sink = new Sink();

    public BytePipe(int capacityBytes) {
        if (capacityBytes < 1) {
            throw new IllegalArgumentException("pipe capacity must be at least 1 byte, got " + capacityBytes);
        }
        this.ring = new byte[capacityBytes];
    }

    /** The reading side. */
    public InputStream source() {
        return source;
    }

    /** The writing side. */
    public OutputStream sink() {
        return sink;
    }

    /** Ends the writing side: the reader sees end-of-stream after draining. */
    public void closeWriter() {
        lock.lock();
        try {
            writerClosed = true;
            readable.signalAll();
            writable.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Ends the reading side: buffered bytes are dropped and writers fail from now on. */
    public void closeReader() {
        lock.lock();
        try {
            readerClosed = true;
            count = 0;
            readable.signalAll();
            writable.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private int read(byte[] target, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, target.length);
        if (length == 0) {
            return 0;
        }
        lockInterruptibly("read");
        try {
            while (count == 0) {
                if (readerClosed) {
                    throw new IOException("in-memory stream closed");
                }
                if (writerClosed) {
                    return -1;
                }
                await(readable, "read", 0);
            }
            int n = Math.min(length, count);
            int first = Math.min(n, ring.length - head);
            System.arraycopy(ring, head, target, offset, first);
            System.arraycopy(ring, 0, target, offset + first, n - first);
            head = (head + n) % ring.length;
            count -= n;
            writable.signalAll();
            return n;
        } finally {
            lock.unlock();
        }
    }

    private void write(byte[] source, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, source.length);
        lockInterruptibly("write");
        try {
            checkWritable();
            int written = 0;
            while (written < length) {
                checkWritable();
                if (count == ring.length) {
                    await(writable, "write", written);
                    continue;
                }
                int tail = (head + count) % ring.length;
                int n = Math.min(length - written, Math.min(ring.length - count, ring.length - tail));
                System.arraycopy(source, offset + written, ring, tail, n);
                count += n;
                written += n;
                readable.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    private void checkWritable() throws IOException {
        if (writerClosed) {
            throw new IOException("cannot write: this side's output of the in-memory stream is shut down");
        }
        if (readerClosed) {
            throw new IOException("cannot write: the in-memory peer has closed its input");
        }
    }

    private int available() throws IOException {
        lock.lock();
        try {
            if (readerClosed) {
                throw new IOException("in-memory stream closed");
            }
            return count;
        } finally {
            lock.unlock();
        }
    }

    private void lockInterruptibly(String what) throws InterruptedIOException {
        try {
            lock.lockInterruptibly();
        } catch (InterruptedException e) {
            throw interrupted(what, 0);
        }
    }

    private static void await(Condition condition, String what, int transferred) throws InterruptedIOException {
        try {
            condition.await();
        } catch (InterruptedException e) {
            throw interrupted(what, transferred);
        }
    }

    /** Keeps the interrupt visible to the caller, as blocking JDK streams do. */
    private static InterruptedIOException interrupted(String what, int transferred) {
        Thread.currentThread().interrupt();
        InterruptedIOException e = new InterruptedIOException("interrupted during in-memory " + what);
        e.bytesTransferred = transferred;
        return e;
    }

    private final class Source extends InputStream {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return BytePipe.this.read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            return BytePipe.this.read(target, offset, length);
        }

        @Override
        public int available() throws IOException {
            return BytePipe.this.available();
        }

        @Override
        public void close() {
            closeReader();
        }
    }

    private final class Sink extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            BytePipe.this.write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] source, int offset, int length) throws IOException {
            BytePipe.this.write(source, offset, length);
        }

        @Override
        public void close() {
            closeWriter();
        }
    }
}
