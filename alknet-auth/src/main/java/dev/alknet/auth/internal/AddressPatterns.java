package dev.alknet.auth.internal;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The pattern list of an authorized_keys {@code from=} option, matched the way OpenSSH does with
 * {@code UseDNS no}: each comma-separated pattern is a CIDR block or address (compared numerically) or a
 * {@code *}/{@code ?} wildcard compared with the client IP as text; a leading {@code !} negates. Any negated
 * match denies, otherwise any positive match allows, otherwise the address is denied. Host name patterns are
 * accepted but never match, since alknet does no reverse DNS.
 */
public final class AddressPatterns {

    private record Pattern(boolean negated, CidrBlock block, String wildcard) {

        boolean matches(InetAddress address, String addressText) {
            return block != null ? block.contains(address) : Wildcards.matches(wildcard, addressText);
        }
    }

    private final List<Pattern> patterns;

    private AddressPatterns(List<Pattern> patterns) {
        this.patterns = patterns;
    }

    /**
     * @throws IllegalArgumentException for an empty list or pattern, or a malformed CIDR block
     */
    public static AddressPatterns parse(String list) {
        List<Pattern> parsed = new ArrayList<>();
        for (String raw : list.split(",", -1)) {
            String text = raw.strip();
            boolean negated = text.startsWith("!");
            if (negated) {
                text = text.substring(1);
            }
            if (text.isEmpty()) {
                throw new IllegalArgumentException("empty pattern in '" + LogValues.printable(list) + "'");
            }
            if (text.chars().anyMatch(c -> c <= ' ' || c == '"')) {
                throw new IllegalArgumentException("pattern '" + LogValues.printable(text) + "' contains a space or quote");
            }
            parsed.add(looksNumeric(text)
                    ? new Pattern(negated, CidrBlock.parse(text), null)
                    : new Pattern(negated, null, text.toLowerCase(Locale.ROOT)));
        }
        return new AddressPatterns(List.copyOf(parsed));
    }

    /** True when {@code address} is allowed; a missing address (no IP transport) is never allowed. */
    public boolean allows(InetAddress address) {
        if (address == null) {
            return false;
        }
        String text = IpText.format(address);
        boolean allowed = false;
        for (Pattern pattern : patterns) {
            if (pattern.matches(address, text)) {
                if (pattern.negated()) {
                    return false;
                }
                allowed = true;
            }
        }
        return allowed;
    }

    /** Blocks and plain addresses are compared numerically; anything with a wildcard or a letter beyond hex is text. */
    private static boolean looksNumeric(String text) {
        if (text.indexOf('*') >= 0 || text.indexOf('?') >= 0) {
            return false;
        }
        if (text.indexOf('/') >= 0) {
            return true;
        }
        try {
            IpText.parseNumeric(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
