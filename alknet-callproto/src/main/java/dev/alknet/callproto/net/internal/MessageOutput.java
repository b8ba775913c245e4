package dev.alknet.callproto.net.internal;

import dev.alknet.core.frame.FrameCodec;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * The length-prefixed byte stream a session writes, as WebSocket messages: the 4-byte length is read off the stream
 * (a write may carry any part of a frame) and each frame body goes out as one text message, which browsers hand to
 * {@code JSON.parse} as is. Messages are written without flushing until {@link #flush} (the session flushes when
 * it has no more frames queued), so a burst shares socket writes. Back-pressure: once the channel is over its
 * write-buffer high-water mark, the next message waits until what was already written went out, so a peer that
 * stops reading blocks the session's writer. Single writer thread.
 */
final class MessageOutput extends OutputStream {

    private final Channel channel;
    private final byte[] header = new byte[FrameCodec.HEADER_BYTES];
    private int headerFill;
    private byte[] body;
    private int bodyFill;
    private final Runnable ending;
    private ChannelFuture inFlight;
    private volatile boolean closed;

    /** @param ending ends the WebSocket once the last message went out: there is no half-close */
    MessageOutput(Channel channel, Runnable ending) {
        this.channel = channel;
        this.ending = ending;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        int end = off + len;
        while (off < end) {
            if (closed) {
                throw new IOException("stream closed");
            }
            if (body == null) {
                int n = Math.min(end - off, header.length - headerFill);
                System.arraycopy(b, off, header, headerFill, n);
                headerFill += n;
                off += n;
                if (headerFill == header.length) {
                    body = new byte[announced()];
                    bodyFill = 0;
                }
            } else {
                int n = Math.min(end - off, body.length - bodyFill);
                System.arraycopy(b, off, body, bodyFill, n);
                bodyFill += n;
                off += n;
            }
            if (body != null && bodyFill == body.length) {
                send(body);
                body = null;
                headerFill = 0;
            }
        }
    }

    /** Sends the messages written so far; waiting for them here would only serialise writes. */
    @Override
    public void flush() {
        if (inFlight != null) {
            channel.flush();
        }
    }

    /** No more messages: once the last one went out, the WebSocket is closed normally (there is no half-close). */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        flush();
        awaitPrevious();
        ending.run();
    }

    /** Stops writing at once, for a close from another thread; a blocked write ends when the channel closes. */
    void abandon() {
        closed = true;
    }

    private int announced() throws IOException {
        long length = ((header[0] & 0xffL) << 24) | ((header[1] & 0xff) << 16) | ((header[2] & 0xff) << 8)
                | (header[3] & 0xff);
        if (length > Integer.MAX_VALUE - 8) {
            throw new IOException("frame of " + length + " bytes cannot be one WebSocket message");
        }
        return (int) length;
    }

    private void send(byte[] message) throws IOException {
        if (!channel.isWritable()) {
            flush();
            awaitPrevious();
        }
        inFlight = channel.write(new TextWebSocketFrame(Unpooled.wrappedBuffer(message)));
    }

    private void awaitPrevious() throws IOException {
        if (inFlight == null) {
            return;
        }
        try {
            inFlight.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while a WebSocket message was being written");
        }
        if (!inFlight.isSuccess()) {
            throw new IOException("WebSocket write failed: " + inFlight.cause().getMessage(), inFlight.cause());
        }
    }
}
