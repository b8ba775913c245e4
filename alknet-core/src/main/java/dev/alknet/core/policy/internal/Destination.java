package dev.alknet.core.policy.internal;

/**
 * A forwarding destination host, classified once per decision so that rules only compare.
 *
 * <p>Brackets around an IPv6 literal, one trailing dot and ASCII case are dropped. An IPv4-mapped IPv6
 * address is its IPv4 address. Any spelling a resolver would take as IPv4 ({@code 127.1}, {@code 2130706433},
 * {@code 0x7f.1}) is an IPv4 address; where Java and the C library read a spelling differently
 * ({@code 010.0.0.1} is 10.0.0.1 to one and 8.0.0.1 to the other) both readings are kept and rules resolve the
 * doubt in the safe direction. Anything else, garbage included, is a host name: it can only match host globs
 * and the catch-all patterns. Nothing here resolves a name or throws.
 */
public final class Destination {

    static final int NAME = 0;
    static final int IPV4 = 32;
    static final int IPV6 = 128;

    private static final String RESERVED_PREFIX = "alknet-";

    final boolean reserved;
    final int family;
    final long high;
    final long low;
    final long lowAlternative;
    final boolean ambiguous;
    private final String plainName;
    /** What host globs see; set by {@link #withNames()}. */
    HashedName name;
    /** For an ambiguous IPv4 spelling the second reading's text, otherwise {@link #name}. */
    HashedName alternativeName;

    private Destination(boolean reserved, int family, long high, long low, long lowAlternative, String name) {
        this.reserved = reserved;
        this.family = family;
        this.high = high;
        this.low = low;
        this.lowAlternative = lowAlternative;
        this.ambiguous = low != lowAlternative;
        this.plainName = name;
    }

    public static Destination of(String host) {
        // The server routes reserved destinations on the raw, case-sensitive text; the policy must agree.
        boolean reserved = host.startsWith(RESERVED_PREFIX);
        int length = host.length();
        if (length >= 2 && host.charAt(0) == '[' && host.charAt(length - 1) == ']') {
            Destination bracketed = ipv6(reserved, host, 1, length - 1);
            if (bracketed != null) {
                return bracketed;
            }
            return new Destination(reserved, NAME, 0, 0, 0, HostGlob.normalise(host));
        }
        int end = length > 0 && host.charAt(length - 1) == '.' ? length - 1 : length;
        if (host.indexOf(':') >= 0) {
            Destination literal = ipv6(reserved, host, 0, end);
            if (literal != null) {
                return literal;
            }
        } else {
            long decimal = IpLiteral.decimalReading(host, 0, end);
            long cLibrary = IpLiteral.cLibraryReading(host, 0, end);
            if (decimal >= 0 || cLibrary >= 0) {
                return new Destination(reserved, IPV4, 0, decimal >= 0 ? decimal : cLibrary,
                        cLibrary >= 0 ? cLibrary : decimal, null);
            }
        }
        return new Destination(reserved, NAME, 0, 0, 0, HostGlob.normalise(host));
    }

    /**
     * Prepares the text host globs compare: the normalised name, or the canonical text of each address reading.
     * Done before the rule scan, and only for policies with globs, so the scan itself only reads fields.
     */
    Destination withNames() {
        name = new HashedName(plainName != null ? plainName : Networks.format(high, low, family));
        alternativeName = ambiguous ? new HashedName(Networks.format(high, lowAlternative, family)) : name;
        return this;
    }

    private static Destination ipv6(boolean reserved, String host, int from, int to) {
        long[] bits = IpLiteral.parseIpv6(host, from, to, true);
        if (bits == null) {
            return null;
        }
        if (IpLiteral.isIpv4Mapped(bits[0], bits[1])) {
            long v4 = bits[1] & 0xFFFF_FFFFL;
            return new Destination(reserved, IPV4, 0, v4, v4, null);
        }
        return new Destination(reserved, IPV6, bits[0], bits[1], bits[1], null);
    }
}
