package dev.alknet.core.policy.internal;

/**
 * A normalised destination name with the hashes of all its prefixes and suffixes, computed once per decision so
 * that each glob rule can reject a name with one integer compare instead of a string comparison.
 *
 * <p>The prefix hash of length {@code k} equals {@code name.substring(0, k).hashCode()}; the suffix hash from
 * {@code i} is the same polynomial over the suffix read backwards. Very long names (no real host name is longer
 * than 253 characters) skip the tables and are compared directly.
 */
final class HashedName {

    private static final int MAX_HASHED_LENGTH = 1024;

    final String text;
    final int length;
    private final int[] prefixHashes;
    private final int[] suffixHashes;

    HashedName(String text) {
        this.text = text;
        this.length = text.length();
        if (length > MAX_HASHED_LENGTH) {
            prefixHashes = null;
            suffixHashes = null;
            return;
        }
        prefixHashes = new int[length + 1];
        suffixHashes = new int[length + 1];
        for (int i = 0; i < length; i++) {
            prefixHashes[i + 1] = 31 * prefixHashes[i] + text.charAt(i);
            suffixHashes[length - 1 - i] = 31 * suffixHashes[length - i] + text.charAt(length - 1 - i);
        }
    }

    /** False when the tables are not kept and callers must compare text. */
    boolean hashed() {
        return prefixHashes != null;
    }

    int prefixHash(int length) {
        return prefixHashes[length];
    }

    int suffixHash(int from) {
        return suffixHashes[from];
    }

    static int backwardHash(String text) {
        int hash = 0;
        for (int i = text.length() - 1; i >= 0; i--) {
            hash = 31 * hash + text.charAt(i);
        }
        return hash;
    }
}
