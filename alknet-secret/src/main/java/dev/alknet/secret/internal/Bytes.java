package dev.alknet.secret.internal;

import java.util.Arrays;

/** Small byte helpers shared by the derivation and encryption code. */
public final class Bytes {
    private Bytes() {}

    public static void zero(byte[] bytes) {
        if (bytes != null) {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    public static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }

    public static void putInt(byte[] out, int offset, int value) {
        out[offset] = (byte) (value >>> 24);
        out[offset + 1] = (byte) (value >>> 16);
        out[offset + 2] = (byte) (value >>> 8);
        out[offset + 3] = (byte) value;
    }

    public static int getInt(byte[] in, int offset) {
        return (in[offset] & 0xff) << 24 | (in[offset + 1] & 0xff) << 16 | (in[offset + 2] & 0xff) << 8
                | in[offset + 3] & 0xff;
    }
}
