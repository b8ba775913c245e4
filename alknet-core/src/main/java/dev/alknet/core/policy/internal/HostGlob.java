package dev.alknet.core.policy.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * A host name pattern in which each {@code *} matches one or more characters, dots included, and the whole
 * name must match. Compiled once per policy, so matching is a few {@code regionMatches}/{@code indexOf} calls
 * with no regex and no allocation.
 *
 * <p>Requiring at least one character per {@code *} is what keeps {@code *.example.com} from matching
 * {@code .example.com}; leftmost placement of each literal piece is enough to decide a match, because a star
 * that can absorb a longer run never loses a match another placement would have found.
 */
public final class HostGlob {

    private static final String RESERVED = "alknet-*";

    private final String exact;
    private final String prefix;
    private final String suffix;
    private final String[] middles;
    private final int minLength;

    private HostGlob(String exact, String prefix, String suffix, String[] middles, int minLength) {
        this.exact = exact;
        this.prefix = prefix;
        this.suffix = suffix;
        this.middles = middles;
        this.minLength = minLength;
    }

    /** Lower-cases ASCII letters and drops one trailing dot: the form both patterns and names are compared in. */
    public static String normalise(CharSequence text, int from, int to) {
        int end = to > from && text.charAt(to - 1) == '.' ? to - 1 : to;
        StringBuilder sb = null;
        for (int i = from; i < end; i++) {
            char c = text.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                if (sb == null) {
                    sb = new StringBuilder(end - from).append(text, from, i);
                }
                sb.append((char) (c + ('a' - 'A')));
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb != null ? sb.toString() : text.subSequence(from, end).toString();
    }

    public static String normalise(String text) {
        return normalise(text, 0, text.length());
    }

    /** Why a normalised glob is not a usable host pattern, or {@code null} when it is. */
    public static String problem(String glob) {
        if (glob.isEmpty()) {
            return "the host is empty";
        }
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_' || c == '*')) {
                return "character '" + printable(c) + "' is not allowed in a host pattern"
                        + " (letters, digits, '.', '-', '_' and '*'; IPv6 with a port goes in brackets)";
            }
        }
        if (glob.startsWith(".")) {
            return "a leading '.' never matches a host; write '*" + glob + "' to match subdomains";
        }
        if (glob.contains("..") || glob.endsWith(".")) {
            return "a host pattern cannot contain an empty label";
        }
        if (glob.contains("**")) {
            return "'**' is not allowed; a single '*' already matches any run of characters";
        }
        if (glob.equals("*")) {
            return "a lone '*' matches every host; use the Any pattern";
        }
        if (glob.equals(RESERVED)) {
            return "'alknet-*' is the reserved-destination pattern and is case-sensitive; write it in lower case";
        }
        if (glob.indexOf('*') < 0 && isIpv4Spelling(glob)) {
            return "an IPv4 address is not a host name; match addresses with a CIDR pattern such as 10.0.0.1/32";
        }
        return null;
    }

    private static boolean isIpv4Spelling(String glob) {
        int n = glob.length();
        return IpLiteral.decimalReading(glob, 0, n) >= 0 || IpLiteral.cLibraryReading(glob, 0, n) >= 0;
    }

    private static String printable(char c) {
        return c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : String.valueOf(c);
    }

    /** Compiles a glob that {@link #problem} accepts. */
    public static HostGlob compile(String glob) {
        int firstStar = glob.indexOf('*');
        if (firstStar < 0) {
            return new HostGlob(glob, null, null, null, glob.length());
        }
        int lastStar = glob.lastIndexOf('*');
        List<String> middles = new ArrayList<>();
        int from = firstStar + 1;
        while (from <= lastStar) {
            int next = glob.indexOf('*', from);
            middles.add(glob.substring(from, next));
            from = next + 1;
        }
        String prefix = glob.substring(0, firstStar);
        String suffix = glob.substring(lastStar + 1);
        // Every star takes at least one character, so no name shorter than the glob itself can match.
        return new HostGlob(null, prefix, suffix, middles.toArray(String[]::new), glob.length());
    }

    /** Matches a name already in {@link #normalise normal form}. */
    public boolean matches(String name) {
        if (exact != null) {
            return exact.equals(name);
        }
        int length = name.length();
        if (length < minLength || !name.startsWith(prefix) || !name.endsWith(suffix)) {
            return false;
        }
        int limit = length - suffix.length();
        int position = prefix.length();
        for (String middle : middles) {
            int at = name.indexOf(middle, position + 1);
            if (at < 0 || at + middle.length() >= limit) {
                return false;
            }
            position = at + middle.length();
        }
        return position < limit;
    }
}
