package dev.alknet.core.frame.internal;

import dev.alknet.core.frame.FrameException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Strict UTF-8 well-formedness check (Unicode Table 3-7).
 *
 * <p>Jackson 3 rejects stray continuation bytes, truncated sequences, surrogates and lead bytes F8-FF, but inside
 * string values it decodes overlong forms (C0 80, E0 80 80, F0 80 80 80) and code points above U+10FFFF (F4 90..,
 * F5-F7) into wrong characters without complaint. Those are the classic filter-bypass encodings, so every body
 * passes through here before Jackson sees it. Frames are mostly ASCII: eight bytes are tested per step and the
 * byte-wise state machine only runs from the first non-ASCII byte of each stretch.
 */
public final class Utf8 {

    // Little-endian so the lowest set high bit of a word belongs to its first non-ASCII byte.
    private static final VarHandle LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH_BITS = 0x8080808080808080L;

    private Utf8() {
    }

    /**
     * @throws FrameException of kind {@code BAD_UTF8} naming the problem and its offset relative to {@code offset}
     */
    public static void validate(byte[] bytes, int offset, int length) throws FrameException {
        int end = offset + length;
        int i = offset;
        while (i < end) {
            if (i + Long.BYTES <= end) {
                long high = (long) LONGS.get(bytes, i) & HIGH_BITS;
                if (high == 0) {
                    i += Long.BYTES;
                    continue;
                }
                i += Long.numberOfTrailingZeros(high) >>> 3;
            }
            if (bytes[i] >= 0) {
                i++;
            } else {
                i = sequenceEnd(bytes, i, end, offset);
            }
        }
    }

    /** Checks the multi-byte sequence whose lead byte is at {@code i} and returns the index after it. */
    private static int sequenceEnd(byte[] bytes, int i, int end, int base) throws FrameException {
        int lead = bytes[i] & 0xFF;
        int size;
        int secondMin = 0x80;
        int secondMax = 0xBF;
        if (lead >= 0xC2 && lead <= 0xDF) {
            size = 2;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            size = 3;
            if (lead == 0xE0) {
                secondMin = 0xA0;
            } else if (lead == 0xED) {
                secondMax = 0x9F;
            }
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            size = 4;
            if (lead == 0xF0) {
                secondMin = 0x90;
            } else if (lead == 0xF4) {
                secondMax = 0x8F;
            }
        } else {
            throw FrameErrors.badUtf8(badLead(lead), i - base);
        }
        if (i + size > end) {
            throw FrameErrors.badUtf8("sequence truncated by the end of the body", i - base);
        }
        int second = bytes[i + 1] & 0xFF;
        if ((second & 0xC0) != 0x80) {
            throw FrameErrors.badUtf8(String.format("byte 0x%02X is not a continuation byte", second), i + 1 - base);
        }
        if (second < secondMin || second > secondMax) {
            throw FrameErrors.badUtf8(outOfRange(lead, second), i - base);
        }
        for (int k = 2; k < size; k++) {
            if ((bytes[i + k] & 0xC0) != 0x80) {
                throw FrameErrors.badUtf8(
                        String.format("byte 0x%02X is not a continuation byte", bytes[i + k] & 0xFF), i + k - base);
            }
        }
        return i + size;
    }

    private static String badLead(int lead) {
        if (lead <= 0xBF) {
            return String.format("continuation byte 0x%02X without a lead byte", lead);
        }
        if (lead <= 0xC1) {
            return String.format("overlong 2-byte sequence (lead 0x%02X)", lead);
        }
        return String.format("byte 0x%02X never occurs in UTF-8", lead);
    }

    private static String outOfRange(int lead, int second) {
        if (lead == 0xE0 || lead == 0xF0) {
            return String.format("overlong %d-byte sequence (0x%02X 0x%02X)", lead == 0xE0 ? 3 : 4, lead, second);
        }
        if (lead == 0xED) {
            return String.format("encoded UTF-16 surrogate (0x%02X 0x%02X)", lead, second);
        }
        return String.format("code point above U+10FFFF (0x%02X 0x%02X)", lead, second);
    }
}
