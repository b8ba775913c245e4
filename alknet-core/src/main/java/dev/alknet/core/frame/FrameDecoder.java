package dev.alknet.core.frame;

import dev.alknet.core.frame.internal.FrameErrors;
import dev.alknet.core.frame.internal.FrameFormat;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Push-based frame decoder for byte sources that deliver chunks of any size (SSH channel data, pipes). Feed it
 * chunks in stream order; it hands every complete envelope to the sink and keeps the rest of a split frame.
 *
 * <p>Frames that lie whole inside a chunk are parsed in place, without a copy. A split body is gathered in a
 * buffer that grows with the bytes actually received, so a peer announcing a large frame and sending little costs
 * little. Not thread-safe: one decoder per stream, fed by one thread at a time.
 *
 * <p>After a {@link FrameException} the stream has no frame boundary to resume at, so every later call rethrows
 * that same exception.
 */
public final class FrameDecoder {

    /** A split body starts with room for this much (or its whole size when smaller) and doubles from there. */
    private static final int INITIAL_BODY_CAPACITY = 64 * 1024;

    private final FrameCodec codec;
    private final byte[] header = new byte[FrameFormat.HEADER_BYTES];
    private int headerFill;
    private byte[] body;
    private int bodyLength;
    private int bodyFill;
    private FrameException failure;

    public FrameDecoder() {
        this(FrameCodec.defaults());
    }

    public FrameDecoder(FrameCodec codec) {
        this.codec = Objects.requireNonNull(codec, "codec");
    }

    public void feed(byte[] chunk, Consumer<? super EventEnvelope> sink) throws FrameException {
        feed(chunk, 0, chunk.length, sink);
    }

    /**
     * Consumes {@code length} bytes of {@code chunk}. An exception thrown by the sink propagates and leaves the
     * rest of the chunk unconsumed; treat the stream as broken then.
     *
     * @throws FrameException on the first malformed or oversize frame, and on every call after it
     */
    public void feed(byte[] chunk, int offset, int length, Consumer<? super EventEnvelope> sink)
            throws FrameException {
        Objects.checkFromIndexSize(offset, length, chunk.length);
        Objects.requireNonNull(sink, "sink");
        if (failure != null) {
            throw failure;
        }
        try {
            decode(chunk, offset, offset + length, sink);
        } catch (FrameException e) {
            failure = e;
            body = null;
            throw e;
        }
    }

    /** True while a frame has been started but not completed: end of stream now would be a truncation. */
    public boolean inFrame() {
        return headerFill > 0;
    }

    /**
     * Declares the end of the stream.
     *
     * @throws FrameException of kind {@code TRUNCATED} when it ends inside a frame (or the earlier failure)
     */
    public void finish() throws FrameException {
        if (failure != null) {
            throw failure;
        }
        if (inFrame()) {
            failure = FrameErrors.truncated(headerFill, bodyFill, bodyLength);
            body = null;
            throw failure;
        }
    }

    private void decode(byte[] chunk, int position, int end, Consumer<? super EventEnvelope> sink)
            throws FrameException {
        while (position < end) {
            if (headerFill == 0 && end - position >= FrameFormat.HEADER_BYTES) {
                int length = codec.checkAnnounced(FrameFormat.readLength(chunk, position));
                int bodyStart = position + FrameFormat.HEADER_BYTES;
                if (end - bodyStart >= length) {
                    sink.accept(codec.decodeBody(chunk, bodyStart, length));
                    position = bodyStart + length;
                    continue;
                }
            }
            position = buffer(chunk, position, end, sink);
        }
    }

    /** Moves bytes of a split frame into the header or body buffer; returns the new chunk position. */
    private int buffer(byte[] chunk, int position, int end, Consumer<? super EventEnvelope> sink)
            throws FrameException {
        if (headerFill < FrameFormat.HEADER_BYTES) {
            int n = Math.min(FrameFormat.HEADER_BYTES - headerFill, end - position);
            System.arraycopy(chunk, position, header, headerFill, n);
            headerFill += n;
            position += n;
            if (headerFill < FrameFormat.HEADER_BYTES) {
                return position;
            }
            bodyLength = codec.checkAnnounced(FrameFormat.readLength(header, 0));
            bodyFill = 0;
            body = new byte[Math.min(bodyLength, Math.max(INITIAL_BODY_CAPACITY, end - position))];
        }
        int n = Math.min(bodyLength - bodyFill, end - position);
        if (bodyFill + n > body.length) {
            body = Arrays.copyOf(body, (int) Math.min(bodyLength, Math.max(2L * body.length, bodyFill + n)));
        }
        System.arraycopy(chunk, position, body, bodyFill, n);
        bodyFill += n;
        position += n;
        if (bodyFill == bodyLength) {
            byte[] complete = body;
            body = null;
            headerFill = 0;
            sink.accept(codec.decodeBody(complete, 0, bodyLength));
        }
        return position;
    }
}
