package dev.alknet.core.policy.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * A host name pattern in which each {@code *} matches one or more characters, dots included, and the whole
 * name must match. Compiled once per policy; {@link CompiledRules} first compares a name's length and the
 * hashes of its ends with {@link #prefixHash()}/{@link #suffixHash()}, so strings are compared only when those
 * agree. No regex, no allocation.
 *
 * <p>Requiring at least one character per {@code *} is what keeps {@code *.example.com} from matching
 * {@code .example.com}; leftmost placement of each literal piece is enough to decide a match, because a star
 * that can absorb a longer run never loses a match another placement would have found.
 */
public final class HostGlob {

    private static final String RESERVED = "alknet-*";

    private final boolean exact;
    private final String prefix;
    private final String suffix;
    private final String[] middles;
    private final int length;
    private final int prefixLength;
    private final int suffixLength;
    private final int prefixHash;
    private final int suffixHash;

    private HostGlob(boolean exact, String prefix, String suffix, String[] middles, int length) {
        this.exact = exact;
        this.prefix = prefix;
        this.suffix = suffix;
        this.middles = middles;
        this.length = length;
        this.prefixLength = prefix.length();
        this.suffixLength = suffix.length();
        this.prefixHash = prefix.hashCode();
        this.suffixHash = HashedName.backwardHash(suffix);
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
            return new HostGlob(true, glob, "", new String[0], glob.length());
        }
        int lastStar = glob.lastIndexOf('*');
        List<String> middles = new ArrayList<>();
        int from = firstStar + 1;
        while (from <= lastStar) {
            int next = glob.indexOf('*', from);
            middles.add(glob.substring(from, next));
            from = next + 1;
        }
        return new HostGlob(false, glob.substring(0, firstStar), glob.substring(lastStar + 1),
                middles.toArray(String[]::new), glob.length());
    }

    /** The shortest name that can match: every star takes at least one character. */
    int length() {
        return length;
    }

    int prefixLength() {
        return prefixLength;
    }

    /** {@code hashCode()} of the text before the first star (the whole glob when there is none). */
    int prefixHash() {
        return prefixHash;
    }

    int suffixLength() {
        return suffixLength;
    }

    /** {@link HashedName#backwardHash} of the text after the last star. */
    int suffixHash() {
        return suffixHash;
    }

    /** Matches a name already in {@link #normalise normal form}. */
    boolean matches(HashedName name) {
        int textLength = name.length;
        if (exact ? textLength != length : textLength < length) {
            return false;
        }
        String text = name.text;
        if (!text.startsWith(prefix) || !text.endsWith(suffix)) {
            return false;
        }
        if (exact) {
            return true;
        }
        int limit = textLength - suffixLength;
        int position = prefixLength;
        for (String middle : middles) {
            int at = text.indexOf(middle, position + 1);
            if (at < 0 || at + middle.length() >= limit) {
                return false;
            }
            position = at + middle.length();
        }
        return position < limit;
    }
}
