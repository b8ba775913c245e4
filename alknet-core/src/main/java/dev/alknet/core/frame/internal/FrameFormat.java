package dev.alknet.core.frame.internal;

/** Layout constants shared by the public codec classes and their helpers. */
public final class FrameFormat {

    /** The u32 big-endian body length in front of every frame. */
    public static final int HEADER_BYTES = 4;

    private FrameFormat() {
    }

    /** Reads the header at {@code offset} as an unsigned value. */
    public static long readLength(byte[] bytes, int offset) {
        return ((bytes[offset] & 0xFFL) << 24) | ((bytes[offset + 1] & 0xFFL) << 16)
                | ((bytes[offset + 2] & 0xFFL) << 8) | (bytes[offset + 3] & 0xFFL);
    }

    public static void writeLength(byte[] bytes, int offset, int length) {
        bytes[offset] = (byte) (length >>> 24);
        bytes[offset + 1] = (byte) (length >>> 16);
        bytes[offset + 2] = (byte) (length >>> 8);
        bytes[offset + 3] = (byte) length;
    }
}
