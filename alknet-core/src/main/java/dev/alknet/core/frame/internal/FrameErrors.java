package dev.alknet.core.frame.internal;

import dev.alknet.core.frame.FrameException;
import dev.alknet.core.frame.FrameException.Kind;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;

/** The messages of every {@link FrameException}, in one place so all decoders word them the same way. */
public final class FrameErrors {

    private FrameErrors() {
    }

    public static FrameException oversizeAnnounced(long announced, int limit) {
        return new FrameException(Kind.OVERSIZE,
                "frame header announces " + announced + " bytes, limit is " + limit + " bytes");
    }

    public static FrameException oversizeEncoded(long atLeast, int limit) {
        return new FrameException(Kind.OVERSIZE,
                "envelope encodes to at least " + atLeast + " bytes, limit is " + limit + " bytes");
    }

    public static FrameException truncated(int headerBytes, long bodyBytes, long announced) {
        String where = headerBytes < FrameFormat.HEADER_BYTES
                ? "after " + headerBytes + " of " + FrameFormat.HEADER_BYTES + " header bytes"
                : "after " + bodyBytes + " of " + announced + " body bytes";
        return new FrameException(Kind.TRUNCATED, "stream ended inside a frame, " + where);
    }

    public static FrameException badUtf8(String problem, int offset) {
        return new FrameException(Kind.BAD_UTF8,
                "frame body is not valid UTF-8: " + problem + " at byte offset " + offset);
    }

    public static FrameException badJson(String reason, long offset) {
        return badJson(reason, offset, null);
    }

    public static FrameException badJson(JacksonException e) {
        TokenStreamLocation location = e.getLocation();
        return badJson(e.getOriginalMessage(), location == null ? -1 : location.getByteOffset(), e);
    }

    private static FrameException badJson(String reason, long offset, Throwable cause) {
        String at = offset >= 0 ? " at byte offset " + offset : "";
        return new FrameException(Kind.BAD_JSON, "frame body is not valid JSON: " + reason + at, cause);
    }

    public static FrameException notAnEnvelope(String problem) {
        return new FrameException(Kind.NOT_AN_ENVELOPE, "frame body is not an EventEnvelope: " + problem);
    }
}
