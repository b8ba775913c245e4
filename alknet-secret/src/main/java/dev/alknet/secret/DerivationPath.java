package dev.alknet.secret;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A BIP-0032 path such as {@code m/74'/0'/0'/0'}. Indices are kept as the 32-bit child numbers of the
 * spec: a hardened index has the top bit set. {@code '}, {@code h} and {@code H} all mark a hardened index.
 */
public record DerivationPath(List<Integer> indices) {
    /** BIP-0032 stores the depth in one byte. */
    public static final int MAX_DEPTH = 255;
    public static final int HARDENED = 0x8000_0000;
    public static final DerivationPath ROOT = new DerivationPath(List.of());
    private static final long HARDENED_LIMIT = 1L << 31;

    public DerivationPath {
        indices = List.copyOf(indices);
        if (indices.size() > MAX_DEPTH) {
            throw new SecretException(SecretError.INVALID_PATH,
                    "a derivation path has at most " + MAX_DEPTH + " levels, this one has " + indices.size());
        }
    }

    /** The hardened child number of {@code index} (0 ≤ index < 2^31). */
    public static int hardened(int index) {
        checkIndex(index);
        return index | HARDENED;
    }

    public static boolean isHardened(int childNumber) {
        return (childNumber & HARDENED) != 0;
    }

    /**
     * Parses {@code m}, {@code m/0'/1}, {@code m/44H/60h/0'/0/0}.
     *
     * @throws SecretException {@link SecretError#INVALID_PATH} naming the bad component
     */
    public static DerivationPath parse(String text) {
        Objects.requireNonNull(text, "path");
        String[] parts = text.split("/", -1);
        if (!parts[0].equals("m")) {
            throw new SecretException(SecretError.INVALID_PATH,
                    "a derivation path starts with \"m\", not \"" + printable(parts[0]) + "\"");
        }
        List<Integer> indices = new ArrayList<>(parts.length - 1);
        for (int i = 1; i < parts.length; i++) {
            indices.add(parseComponent(parts[i], i));
        }
        return new DerivationPath(indices);
    }

    public DerivationPath child(int childNumber) {
        List<Integer> longer = new ArrayList<>(indices);
        longer.add(childNumber);
        return new DerivationPath(longer);
    }

    public int depth() {
        return indices.size();
    }

    /** The path in the canonical form {@code m/74'/0'/0'/0'}. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("m");
        for (int index : indices) {
            out.append('/').append(index & ~HARDENED);
            if (isHardened(index)) {
                out.append('\'');
            }
        }
        return out.toString();
    }

    private static int parseComponent(String part, int position) {
        boolean hardened = part.endsWith("'") || part.endsWith("h") || part.endsWith("H");
        String digits = hardened ? part.substring(0, part.length() - 1) : part;
        if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new SecretException(SecretError.INVALID_PATH, "component " + position + " \"" + printable(part)
                    + "\" is not an index (digits, optionally followed by ' or h or H for hardened)");
        }
        if (digits.length() > 1 && digits.charAt(0) == '0') {
            throw new SecretException(SecretError.INVALID_PATH,
                    "component " + position + " \"" + printable(part) + "\" has a leading zero");
        }
        long value = digits.length() > 10 ? Long.MAX_VALUE : Long.parseLong(digits);
        if (value >= HARDENED_LIMIT) {
            throw new SecretException(SecretError.INVALID_PATH, "component " + position + " \"" + printable(part)
                    + "\" is out of range: an index is at most 2147483647 (mark it hardened with ')");
        }
        return hardened ? (int) value | HARDENED : (int) value;
    }

    private static void checkIndex(int index) {
        if (index < 0) {
            throw new SecretException(SecretError.INVALID_PATH,
                    "an index is between 0 and 2147483647, not " + Integer.toUnsignedString(index));
        }
    }

    /** Bad input is echoed in messages, but shortened and without control characters. */
    private static String printable(String text) {
        String shown = text.length() > 40 ? text.substring(0, 40) + "…" : text;
        return shown.codePoints()
                .map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
    }
}
