package dev.alknet.core.frame;

import dev.alknet.core.frame.internal.EnvelopeJson;
import dev.alknet.core.frame.internal.FrameErrors;
import dev.alknet.core.frame.internal.FrameFormat;
import dev.alknet.core.frame.internal.FrameOutput;
import java.io.IOException;
import java.util.Objects;
import tools.jackson.databind.json.JsonMapper;

/**
 * Encodes and decodes single frames: a 4-byte big-endian unsigned body length, then the envelope as UTF-8 JSON.
 * An instance only carries the frame limit, so it is immutable and shared freely; the stream and Netty codecs
 * take one to agree on the limit.
 *
 * <p>The limit counts body bytes (the announced length), not the header. A header announcing more is rejected
 * as soon as its four bytes are seen, before anything is allocated for the body.
 */
public final class FrameCodec {

    public static final int HEADER_BYTES = FrameFormat.HEADER_BYTES;
    /** The default limit, 16 MiB: well above any control-plane message, well below a memory problem. */
    public static final int DEFAULT_MAX_FRAME_BYTES = 16 * 1024 * 1024;
    /** The largest limit accepted, 1 GiB; buffers are Java arrays and must stay clear of their 2 GiB bound. */
    public static final int MAX_FRAME_BYTES_CEILING = 1 << 30;

    private static final FrameCodec DEFAULTS = new FrameCodec(DEFAULT_MAX_FRAME_BYTES);

    private final int maxFrameBytes;

    private FrameCodec(int maxFrameBytes) {
        this.maxFrameBytes = maxFrameBytes;
    }

    /** A codec with the default 16 MiB limit. */
    public static FrameCodec defaults() {
        return DEFAULTS;
    }

    /**
     * @param maxFrameBytes the largest body accepted and produced, 1 to {@value #MAX_FRAME_BYTES_CEILING}
     */
    public static FrameCodec withMaxFrameBytes(int maxFrameBytes) {
        if (maxFrameBytes < 1 || maxFrameBytes > MAX_FRAME_BYTES_CEILING) {
            throw new IllegalArgumentException("max frame size must be between 1 and " + MAX_FRAME_BYTES_CEILING
                    + " bytes, got " + maxFrameBytes);
        }
        return new FrameCodec(maxFrameBytes);
    }

    public int maxFrameBytes() {
        return maxFrameBytes;
    }

    /**
     * The mapper the frame layer parses and writes with, configured once. Jackson 3 mappers are immutable, so
     * protocol code may share it to convert payloads to and from its own types.
     */
    public static JsonMapper jsonMapper() {
        return EnvelopeJson.MAPPER;
    }

    /**
     * Encodes a whole frame, header included.
     *
     * @throws FrameException of kind {@code OVERSIZE} when the body would exceed the limit; encoding stops there
     */
    public byte[] encode(EventEnvelope envelope) throws FrameException {
        FrameOutput out = new FrameOutput(maxFrameBytes);
        try {
            EnvelopeJson.write(envelope, out);
        } catch (FrameException e) {
            throw e;
        } catch (IOException e) {
            throw new IllegalStateException("in-memory frame buffer cannot fail", e);
        }
        return out.toFrame();
    }

    /**
     * Decodes an array that holds exactly one frame, header included.
     *
     * @throws FrameException when the frame is oversize, truncated or malformed
     * @throws IllegalArgumentException when bytes follow the frame (use {@link FrameDecoder} for streams)
     */
    public EventEnvelope decodeFrame(byte[] frame) throws FrameException {
        if (frame.length < HEADER_BYTES) {
            throw FrameErrors.truncated(frame.length, 0, 0);
        }
        int length = checkAnnounced(FrameFormat.readLength(frame, 0));
        int available = frame.length - HEADER_BYTES;
        if (available < length) {
            throw FrameErrors.truncated(HEADER_BYTES, available, length);
        }
        if (available > length) {
            throw new IllegalArgumentException(
                    (available - length) + " bytes follow the frame; FrameDecoder splits streams of frames");
        }
        return EnvelopeJson.read(frame, HEADER_BYTES, length);
    }

    /**
     * Decodes a frame body (no header): the hot path every decoder ends in, also usable on its own.
     *
     * @throws FrameException when the body is longer than the limit or malformed
     */
    public EventEnvelope decodeBody(byte[] body, int offset, int length) throws FrameException {
        Objects.checkFromIndexSize(offset, length, body.length);
        checkAnnounced(length);
        return EnvelopeJson.read(body, offset, length);
    }

    /** Returns the announced body length as an int once it is known to be within the limit. */
    int checkAnnounced(long announced) throws FrameException {
        if (announced > maxFrameBytes) {
            throw FrameErrors.oversizeAnnounced(announced, maxFrameBytes);
        }
        return (int) announced;
    }

    /** For encoders that write the body before they know its size. */
    void checkEncoded(int bodyBytes) throws FrameException {
        if (bodyBytes > maxFrameBytes) {
            throw FrameErrors.oversizeEncoded(bodyBytes, maxFrameBytes);
        }
    }

    @Override
    public String toString() {
        return "FrameCodec[maxFrameBytes=" + maxFrameBytes + "]";
    }
}
