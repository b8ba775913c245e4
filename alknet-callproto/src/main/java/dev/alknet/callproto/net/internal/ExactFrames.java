package dev.alknet.callproto.net.internal;

import dev.alknet.core.frame.EventEnvelope;
import dev.alknet.core.frame.FrameCodec;
import dev.alknet.core.frame.FrameException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads single frames without reading past them, for the authentication exchange: what follows belongs to the
 * session that starts afterwards. ({@link dev.alknet.core.frame.FrameReader} reads ahead in chunks.)
 */
final class ExactFrames {

    /** A frame as read: its bytes (header included), to hand on unchanged, and what they decode to. */
    record Frame(byte[] bytes, EventEnvelope envelope) {
    }

    private ExactFrames() {
    }

    /**
     * @return the next frame, or null when the stream ended before its first byte
     * @throws FrameException when it is oversize (checked before the body is read), truncated or malformed
     */
    static Frame read(InputStream in, FrameCodec codec) throws IOException {
        byte[] header = in.readNBytes(FrameCodec.HEADER_BYTES);
        if (header.length == 0) {
            return null;
        }
        if (header.length < FrameCodec.HEADER_BYTES) {
            throw new FrameException(FrameException.Kind.TRUNCATED, "the stream ended inside a frame header");
        }
        long announced = ((header[0] & 0xffL) << 24) | ((header[1] & 0xff) << 16) | ((header[2] & 0xff) << 8)
                | (header[3] & 0xff);
        if (announced > codec.maxFrameBytes()) {
            throw new FrameException(FrameException.Kind.OVERSIZE, "frame of " + announced
                    + " bytes exceeds the limit of " + codec.maxFrameBytes());
        }
        byte[] frame = new byte[FrameCodec.HEADER_BYTES + (int) announced];
        System.arraycopy(header, 0, frame, 0, FrameCodec.HEADER_BYTES);
        int body = in.readNBytes(frame, FrameCodec.HEADER_BYTES, (int) announced);
        if (body < announced) {
            throw new FrameException(FrameException.Kind.TRUNCATED, "the stream ended inside a frame body");
        }
        return new Frame(frame, codec.decodeFrame(frame));
    }
}
