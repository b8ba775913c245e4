package dev.alknet.core.policy.internal;

/**
 * Parses and prints IP address literals without ever touching DNS.
 *
 * <p>IPv4 values are {@code long}s in {@code 0..0xFFFFFFFF} ({@code -1} = not an address); IPv6 values are a
 * {@code long[]{high, low}} pair. Two modes exist because policies and destinations need different things:
 * patterns must be unambiguous (strict), while a destination must be recognised in every spelling some
 * resolver would accept, or a rule on {@code 127.0.0.0/8} could be dodged with {@code 2130706433}.
 */
public final class IpLiteral {

    private static final long MAX_IPV4 = 0xFFFF_FFFFL;
    private static final int MAX_GROUP = 0xFFFF;

    private IpLiteral() {
    }

    /** A dotted quad {@code a.b.c.d}, each part 0..255; strict mode rejects leading zeros ({@code 010}). */
    public static long parseDottedQuad(CharSequence s, int from, int to, boolean allowLeadingZeros) {
        long value = 0;
        int parts = 0;
        int i = from;
        while (parts < 4) {
            int start = i;
            int part = 0;
            while (i < to && isDigit(s.charAt(i)) && part <= 255) {
                part = part * 10 + (s.charAt(i) - '0');
                i++;
            }
            int digits = i - start;
            if (digits == 0 || part > 255 || (!allowLeadingZeros && digits > 1 && s.charAt(start) == '0')) {
                return -1;
            }
            value = (value << 8) | part;
            parts++;
            if (parts < 4) {
                if (i >= to || s.charAt(i) != '.') {
                    return -1;
                }
                i++;
            }
        }
        return i == to ? value : -1;
    }

    /**
     * The reading of Java's {@code InetAddress} literal parser: one to four decimal parts, leading zeros are
     * decimal, the last part fills the remaining bytes ({@code 127.1}, {@code 2130706433}).
     */
    public static long decimalReading(CharSequence s, int from, int to) {
        return readParts(s, from, to, false);
    }

    /**
     * The reading of the C library's {@code inet_aton} (used by {@code getaddrinfo}): like
     * {@link #decimalReading} but a leading {@code 0} means octal and {@code 0x} hexadecimal ({@code 0x7f.1}).
     */
    public static long cLibraryReading(CharSequence s, int from, int to) {
        return readParts(s, from, to, true);
    }

    private static long readParts(CharSequence s, int from, int to, boolean radixPrefixes) {
        if (from >= to) {
            return -1;
        }
        long[] parts = new long[4];
        int count = 0;
        int i = from;
        while (true) {
            if (count == 4) {
                return -1;
            }
            int end = i;
            while (end < to && s.charAt(end) != '.') {
                end++;
            }
            long part = radixPrefixes ? numberWithRadixPrefix(s, i, end) : number(s, i, end, 10);
            if (part < 0) {
                return -1;
            }
            parts[count++] = part;
            if (end == to) {
                break;
            }
            i = end + 1;
        }
        long value = 0;
        for (int p = 0; p < count - 1; p++) {
            if (parts[p] > 255) {
                return -1;
            }
            value |= parts[p] << (24 - 8 * p);
        }
        long last = parts[count - 1];
        long lastMax = MAX_IPV4 >>> (8 * (count - 1));
        return last > lastMax ? -1 : value | last;
    }

    private static long numberWithRadixPrefix(CharSequence s, int from, int to) {
        if (to - from >= 2 && s.charAt(from) == '0' && (s.charAt(from + 1) == 'x' || s.charAt(from + 1) == 'X')) {
            return number(s, from + 2, to, 16);
        }
        if (to - from >= 2 && s.charAt(from) == '0') {
            return number(s, from + 1, to, 8);
        }
        return number(s, from, to, 10);
    }

    /** A non-empty run of digits in {@code radix}, or -1; values beyond 32 bits are -1 too. */
    private static long number(CharSequence s, int from, int to, int radix) {
        if (from >= to) {
            return -1;
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            int digit = asciiDigit(s.charAt(i), radix);
            if (digit < 0) {
                return -1;
            }
            value = value * radix + digit;
            if (value > MAX_IPV4) {
                return -1;
            }
        }
        return value;
    }

    /**
     * An IPv6 address, {@code {high, low}}, or {@code null}. Strict mode is RFC 4291 text (groups of one to
     * four hex digits, one {@code ::}, an optional trailing dotted quad). Lenient mode also takes what Java's
     * parser takes: a {@code %zone} suffix (dropped), longer zero-padded groups and zero-padded dotted quads.
     */
    public static long[] parseIpv6(CharSequence s, int from, int to, boolean lenient) {
        int end = to;
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == '%') {
                if (!lenient || i == to - 1) {
                    return null;
                }
                end = i;
                break;
            }
        }
        int[] groups = new int[8];
        int count = 0;
        int gapAt = -1;
        int i = from;
        if (end - i >= 2 && s.charAt(i) == ':' && s.charAt(i + 1) == ':') {
            gapAt = 0;
            i += 2;
        }
        while (i < end) {
            int segmentEnd = i;
            boolean dotted = false;
            while (segmentEnd < end && s.charAt(segmentEnd) != ':') {
                dotted |= s.charAt(segmentEnd) == '.';
                segmentEnd++;
            }
            if (dotted) {
                long v4 = segmentEnd == end && count <= 6 ? parseDottedQuad(s, i, segmentEnd, lenient) : -1;
                if (v4 < 0) {
                    return null;
                }
                groups[count++] = (int) (v4 >>> 16);
                groups[count++] = (int) (v4 & MAX_GROUP);
                break;
            }
            int group = hexGroup(s, i, segmentEnd, lenient);
            if (group < 0 || count == 8) {
                return null;
            }
            groups[count++] = group;
            if (segmentEnd == end) {
                break;
            }
            i = segmentEnd + 1;
            if (i < end && s.charAt(i) == ':') {
                if (gapAt >= 0) {
                    return null;
                }
                gapAt = count;
                i++;
            } else if (i == end) {
                return null;
            }
        }
        if (gapAt < 0 ? count != 8 : count > 7) {
            return null;
        }
        return pack(groups, count, gapAt);
    }

    private static int hexGroup(CharSequence s, int from, int to, boolean lenient) {
        if (from >= to || (!lenient && to - from > 4)) {
            return -1;
        }
        int value = 0;
        for (int i = from; i < to; i++) {
            int digit = asciiDigit(s.charAt(i), 16);
            if (digit < 0) {
                return -1;
            }
            value = (value << 4) | digit;
            if (value > MAX_GROUP) {
                return -1;
            }
        }
        return value;
    }

    private static long[] pack(int[] groups, int count, int gapAt) {
        int[] full = new int[8];
        if (gapAt < 0) {
            System.arraycopy(groups, 0, full, 0, 8);
        } else {
            System.arraycopy(groups, 0, full, 0, gapAt);
            int tail = count - gapAt;
            System.arraycopy(groups, gapAt, full, 8 - tail, tail);
        }
        long high = 0;
        long low = 0;
        for (int g = 0; g < 4; g++) {
            high = (high << 16) | full[g];
            low = (low << 16) | full[g + 4];
        }
        return new long[] {high, low};
    }

    /** True for {@code ::ffff:a.b.c.d}, which every socket API treats as the IPv4 address {@code a.b.c.d}. */
    public static boolean isIpv4Mapped(long high, long low) {
        return high == 0 && (low >>> 32) == MAX_GROUP;
    }

    public static String formatIpv4(long value) {
        return ((value >>> 24) & 0xFF) + "." + ((value >>> 16) & 0xFF) + "." + ((value >>> 8) & 0xFF) + "."
                + (value & 0xFF);
    }

    /** RFC 5952 text: lower case, no leading zeros, the first longest run of two or more zero groups as ::. */
    public static String formatIpv6(long high, long low) {
        int[] groups = new int[8];
        for (int g = 0; g < 4; g++) {
            groups[g] = (int) (high >>> (48 - 16 * g)) & MAX_GROUP;
            groups[g + 4] = (int) (low >>> (48 - 16 * g)) & MAX_GROUP;
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int g = 0; g < 8; g++) {
            int run = 0;
            while (g + run < 8 && groups[g + run] == 0) {
                run++;
            }
            if (run > bestLength) {
                bestStart = g;
                bestLength = run;
            }
            g += run;
        }
        StringBuilder sb = new StringBuilder(39);
        for (int g = 0; g < 8; g++) {
            if (g == bestStart) {
                sb.append("::");
                g += bestLength - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(groups[g]));
        }
        return sb.toString();
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    // Character.digit also accepts non-ASCII digits, which no resolver reads as part of an address.
    private static int asciiDigit(char c, int radix) {
        int value;
        if (c >= '0' && c <= '9') {
            value = c - '0';
        } else if (c >= 'a' && c <= 'f') {
            value = c - 'a' + 10;
        } else if (c >= 'A' && c <= 'F') {
            value = c - 'A' + 10;
        } else {
            return -1;
        }
        return value < radix ? value : -1;
    }
}
