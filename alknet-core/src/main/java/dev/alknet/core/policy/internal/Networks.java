package dev.alknet.core.policy.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * CIDR arithmetic on addresses held as two longs: an IPv4 address is {@code {0, value}}, an IPv6 address
 * {@code {high 64 bits, low 64 bits}}. One representation keeps the per-rule check to two masks and compares.
 */
public final class Networks {

    private static final long MAX_IPV4 = 0xFFFF_FFFFL;

    private Networks() {
    }

    /** Why {@code address/prefixLength} is not a network, or {@code null} when it is. */
    public static String problem(byte[] address, int prefixLength) {
        return problem(high(address), low(address), address.length * 8, prefixLength);
    }

    /** Why the {@code bits}-bit address {@code high, low} with this prefix is not a network, or {@code null}. */
    public static String problem(long high, long low, int bits, int prefixLength) {
        String family = bits == 32 ? "IPv4" : "IPv6";
        if (bits == 128 && IpLiteral.isIpv4Mapped(high, low)) {
            return "IPv4-mapped addresses are matched as IPv4; write the network as IPv4, e.g. 10.0.0.0/8";
        }
        if (prefixLength < 0) {
            return "prefix length " + prefixLength + " is negative";
        }
        if (prefixLength > bits) {
            return "prefix length " + prefixLength + " exceeds " + bits + " for " + family;
        }
        long maskHigh = maskHigh(prefixLength, bits);
        long maskLow = maskLow(prefixLength, bits);
        if ((high & maskHigh) != high || (low & maskLow) != low) {
            return "the address has bits set beyond the /" + prefixLength + " prefix; the network is "
                    + format(high & maskHigh, low & maskLow, bits) + "/" + prefixLength;
        }
        return null;
    }

    public static long high(byte[] address) {
        return address.length == 4 ? 0 : bytesToLong(address, 0);
    }

    public static long low(byte[] address) {
        return address.length == 4 ? bytesToLong(address, 0) >>> 32 : bytesToLong(address, 8);
    }

    private static long bytesToLong(byte[] bytes, int from) {
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (from + i < bytes.length ? bytes[from + i] & 0xFF : 0);
        }
        return value;
    }

    public static long maskHigh(int prefixLength, int bits) {
        if (bits == 32 || prefixLength == 0) {
            return 0;
        }
        return prefixLength >= 64 ? -1L : -1L << (64 - prefixLength);
    }

    public static long maskLow(int prefixLength, int bits) {
        if (bits == 32) {
            return prefixLength == 0 ? 0 : (MAX_IPV4 << (32 - prefixLength)) & MAX_IPV4;
        }
        return prefixLength <= 64 ? 0 : -1L << (128 - prefixLength);
    }

    /** Canonical text of an address: dotted quad or RFC 5952 IPv6. */
    public static String format(long high, long low, int bits) {
        return bits == 32 ? IpLiteral.formatIpv4(low) : IpLiteral.formatIpv6(high, low);
    }

    public static String format(InetAddress address) {
        byte[] bytes = address.getAddress();
        return format(high(bytes), low(bytes), bytes.length * 8);
    }

    /** An address object from raw bits; {@code getByAddress} never consults DNS. */
    public static InetAddress toInetAddress(long high, long low, int bits) {
        byte[] bytes = new byte[bits / 8];
        for (int i = 0; i < bytes.length; i++) {
            if (bits == 32) {
                bytes[i] = (byte) (low >>> (24 - 8 * i));
            } else {
                bytes[i] = (byte) ((i < 8 ? high : low) >>> (56 - 8 * (i % 8)));
            }
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException("address of " + bytes.length + " bytes", impossible);
        }
    }
}
