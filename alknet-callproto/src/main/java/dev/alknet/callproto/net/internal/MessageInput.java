package dev.alknet.callproto.net.internal;

import dev.alknet.core.frame.FrameCodec;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;

/**
 * WebSocket messages as the length-prefixed byte stream a session reads: each message becomes one frame (a 4-byte
 * length, then the message). Messages queue up to {@link #HIGH_WATER_BYTES}; beyond that the channel stops reading
 * (autoRead off) until the session's reader has taken everything, so a session that stops reading (a full
 * subscription buffer) stops the socket too and the peer's writes block.
 */
final class MessageInput extends InputStream {

    /** Queued message bytes at which the socket stops being read: the in-memory transports' 64 KiB. */
    static final int HIGH_WATER_BYTES = 64 * 1024;

    private final Channel channel;
    private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
    private byte[] current;
    private int position;
    private long queuedBytes;
    private boolean paused;
    private boolean ended;
    private boolean closed;

    MessageInput(Channel channel) {
        this.channel = channel;
    }

    /** On the event loop: one whole message, copied out of {@code content} (which the caller releases). */
    synchronized void offer(ByteBuf content) {
        if (closed || ended) {
            return;
        }
        int length = content.readableBytes();
        byte[] frame = new byte[FrameCodec.HEADER_BYTES + length];
        frame[0] = (byte) (length >>> 24);
        frame[1] = (byte) (length >>> 16);
        frame[2] = (byte) (length >>> 8);
        frame[3] = (byte) length;
        content.getBytes(content.readerIndex(), frame, FrameCodec.HEADER_BYTES, length);
        queue.add(frame);
        queuedBytes += frame.length;
        if (queuedBytes >= HIGH_WATER_BYTES && !paused) {
            paused = true;
            channel.config().setAutoRead(false);
        }
        notifyAll();
    }

    /** The connection closed: the reader gets what is queued, then end of stream. */
    synchronized void end() {
        ended = true;
        notifyAll();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        while (current == null || position == current.length) {
            if (closed) {
                throw new IOException("stream closed");
            }
            current = queue.poll();
            position = 0;
            if (current != null) {
                queuedBytes -= current.length;
                resumeWhenDrained();
            } else if (ended) {
                return -1;
            } else {
                awaitMessage();
            }
        }
        int n = Math.min(len, current.length - position);
        System.arraycopy(current, position, b, off, n);
        position += n;
        return n;
    }

    @Override
    public synchronized int available() {
        return current == null || closed ? 0 : current.length - position;
    }

    /** Drops what is queued; a reader waiting in another thread gets an IOException. */
    @Override
    public synchronized void close() {
        closed = true;
        queue.clear();
        current = null;
        notifyAll();
    }

    private void resumeWhenDrained() {
        if (paused && queue.isEmpty()) {
            paused = false;
            try {
                // Thread-safe in Netty: the channel schedules its next read on the event loop.
                channel.config().setAutoRead(true);
            } catch (RejectedExecutionException e) {
                // The event loops are shut down; the connection ended with them and end() follows or came.
            }
        }
    }

    private void awaitMessage() throws InterruptedIOException {
        try {
            wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a WebSocket message");
        }
    }
}
