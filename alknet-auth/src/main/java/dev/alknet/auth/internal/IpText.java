package dev.alknet.auth.internal;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Numeric IP addresses as text, both ways, without ever touching DNS. */
public final class IpText {

    private IpText() {
    }

    /**
     * Parses a numeric IPv4 ({@code a.b.c.d}) or IPv6 address; an IPv4-mapped IPv6 address yields 4 bytes.
     *
     * @throws IllegalArgumentException for anything else, host names included
     */
    public static byte[] parseNumeric(String text) {
        if (text.indexOf(':') < 0) {
            return parseIpv4(text);
        }
        if (text.length() > 45 || !text.chars().allMatch(IpText::isIpv6Char)) {
            throw notAnAddress(text);
        }
        try {
            // With a colon in it the JDK parses the text as an IPv6 literal and never resolves it.
            return normalise(InetAddress.getByName(text)).getAddress();
        } catch (UnknownHostException e) {
            throw notAnAddress(text);
        }
    }

    /** The same address without host name or scope, IPv4-mapped IPv6 folded to IPv4. */
    public static InetAddress normalise(InetAddress address) {
        try {
            return InetAddress.getByAddress(address.getAddress());
        } catch (UnknownHostException e) {
            throw new IllegalStateException("an InetAddress with a bad length", e);
        }
    }

    /** Dotted IPv4, or IPv6 in the RFC 5952 form OpenSSH prints ({@code ::1}, {@code 2001:db8::1}). */
    public static String format(InetAddress address) {
        InetAddress plain = normalise(address);
        if (plain instanceof Inet4Address) {
            return plain.getHostAddress();
        }
        byte[] bytes = plain.getAddress();
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; i++) {
            int length = 0;
            while (i + length < 8 && groups[i + length] == 0) {
                length++;
            }
            if (length > bestLength) {
                bestStart = i;
                bestLength = length;
            }
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }

    private static byte[] parseIpv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            throw notAnAddress(text);
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            String part = parts[i];
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw notAnAddress(text);
            }
            int value = Integer.parseInt(part);
            if (value > 255) {
                throw notAnAddress(text);
            }
            out[i] = (byte) value;
        }
        return out;
    }

    private static boolean isIpv6Char(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':' || c == '.';
    }

    private static IllegalArgumentException notAnAddress(String text) {
        return new IllegalArgumentException("'" + LogValues.printable(text) + "' is not a numeric IP address");
    }
}
