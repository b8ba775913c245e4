package dev.alknet.storage.internal;

import dev.alknet.storage.StorageException;

/** Checks of names and keys, and of text both databases store identically. */
public final class Text {

    /** Longest name or key, in UTF-16 units. */
    public static final int MAX_NAME_LENGTH = 255;

    private Text() {
    }

    /**
     * What in {@code s} PostgreSQL and SQLite would not store identically ({@code "U+0000 at index 4"}, ...), or
     * {@code null} when nothing.
     */
    static String unstorable(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 0) {
                return "U+0000 at index " + i;
            }
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "an unpaired surrogate at index " + i;
            }
        }
        return null;
    }

    /**
     * A name or key: 1 to {@value #MAX_NAME_LENGTH} characters, no control characters, no unpaired surrogates, no
     * leading or trailing white space.
     *
     * @return {@code value}
     * @throws StorageException INVALID saying what is wrong with {@code what}; the value itself is quoted only when
     *     it is short and printable
     */
    public static String checkName(String value, String what) {
        if (value == null || value.isEmpty()) {
            throw invalid(what + " must not be empty");
        }
        if (value.length() > MAX_NAME_LENGTH) {
            throw invalid(what + " is " + value.length() + " characters long, more than " + MAX_NAME_LENGTH);
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw invalid(what + " must not contain control characters (U+"
                        + String.format("%04X", (int) value.charAt(i)) + " at index " + i + ")");
            }
        }
        String bad = unstorable(value);
        if (bad != null) {
            throw invalid(what + " contains " + bad);
        }
        if (!value.strip().equals(value)) {
            throw invalid(what + " '" + value + "' must not start or end with white space");
        }
        return value;
    }

    private static StorageException invalid(String message) {
        return new StorageException(StorageException.Kind.INVALID, message);
    }
}
