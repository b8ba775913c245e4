package dev.alknet.callproto.internal;

import dev.alknet.core.frame.EventEnvelope;
import dev.alknet.core.frame.FrameCodec;
import dev.alknet.core.frame.FrameException;
import dev.alknet.core.frame.FrameWriter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.CancellationException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;

/**
 * The session's only writer: one thread takes frames from a queue and writes them. Handler threads never write to
 * the stream themselves, so interrupting a handler (abort, deadline) can never cut a frame in half.
 *
 * <p>Subscription items pass through a window of {@code windowItems} permits: {@link #sendItem} takes one, the
 * writer returns it once the frame is flushed to the stream. When the peer stops reading, the stream blocks the writer, the
 * window empties and handlers wait in {@link #sendItem}. Other frames (requests, single responses, errors, aborts)
 * are never held back: there is at most one of each per call, so the calls in flight bound them.
 *
 * <p>Frames are batched: while more frames wait in the queue they go into a small buffer, and the stream is flushed
 * when the queue runs empty. Under load a transport write (and the wake-up of whoever reads it) then carries many
 * frames instead of one; a lone frame still goes out at once.
 */
public final class Outbox {

    private record Frame(EventEnvelope envelope, boolean windowed, Consumer<FrameException> onOversize) {
    }

    private record Marker(Runnable action) {
    }

    /** Frames larger than this bypass the batch buffer; smaller ones share a transport write. */
    private static final int BATCH_BYTES = 16 * 1024;
    /** A queue that never runs empty still gets flushed (and its item permits returned) this often. */
    private static final int MAX_BATCH_FRAMES = 16;

    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final Semaphore window;
    private final FrameWriter writer;
    private final Consumer<IOException> onFailure;
    private final Thread thread;
    private volatile boolean closed;
    /** Window permits of items appended but not yet flushed: the batch buffer counts against the window. */
    private int unflushedItems;
    /** Frames appended since the last flush. */
    private int batched;

    /**
     * @param onFailure told when the stream fails; the session closes then
     */
    public Outbox(OutputStream out, FrameCodec codec, int windowItems, ThreadFactory threads,
            Consumer<IOException> onFailure) {
        this.writer = new FrameWriter(new BufferedOutputStream(out, BATCH_BYTES), codec);
        this.window = new Semaphore(windowItems);
        this.onFailure = onFailure;
        this.thread = threads.newThread(this::writeLoop);
    }

    public void start() {
        thread.start();
    }

    /** Queues a frame that is never held back; dropped once closed (the peer is gone). */
    public void send(EventEnvelope envelope, Consumer<FrameException> onOversize) {
        if (!closed) {
            queue.add(new Frame(envelope, false, onOversize));
        }
    }

    /**
     * Queues a subscription item, waiting for room in the window.
     *
     * @throws CancellationException when the outbox closed
     */
    public void sendItem(EventEnvelope envelope, Consumer<FrameException> onOversize) throws InterruptedException {
        window.acquire();
        if (closed) {
            throw new CancellationException("the session closed");
        }
        queue.add(new Frame(envelope, true, onOversize));
    }

    /** Runs {@code action} on the writer thread once everything queued before it is written. */
    public void afterQueued(Runnable action) {
        queue.add(new Marker(action));
    }

    /** Stops writing at once; frames still queued are dropped and waiting {@link #sendItem} calls fail. */
    public void close() {
        closed = true;
        // Far more permits than anyone waits for: every blocked sendItem wakes and sees the closed flag.
        window.release(Integer.MAX_VALUE / 2);
        if (Thread.currentThread() != thread) {
            thread.interrupt();
        }
    }

    private void writeLoop() {
        try {
            while (!closed) {
                Object next = queue.take();
                if (next instanceof Marker marker) {
                    flush();
                    marker.action().run();
                    continue;
                }
                write((Frame) next);
                if (queue.isEmpty() || ++batched == MAX_BATCH_FRAMES) {
                    flush();
                }
            }
        } catch (InterruptedException e) {
            // close() stops the writer; queued frames are dropped.
        } catch (IOException e) {
            if (!closed) {
                onFailure.accept(e);
            }
        }
    }

    private void write(Frame frame) throws IOException {
        if (frame.windowed()) {
            unflushedItems++;
        }
        try {
            writer.append(frame.envelope());
        } catch (FrameException e) {
            if (e.kind() != FrameException.Kind.OVERSIZE) {
                throw e;
            }
            frame.onOversize().accept(e);
        }
    }

    private void flush() throws IOException {
        batched = 0;
        writer.flush();
        if (unflushedItems > 0) {
            window.release(unflushedItems);
            unflushedItems = 0;
        }
    }
}
