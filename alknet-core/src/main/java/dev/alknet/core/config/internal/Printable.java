package dev.alknet.core.config.internal;

/** Quotes operator-written text for error messages. */
public final class Printable {

    private static final int MAX_LENGTH = 120;

    private Printable() {
    }

    /**
     * Single-quotes {@code text}, escaping control characters and cutting it short: config values can hold
     * anything, and an error message must not let them forge log lines or flood a terminal.
     */
    public static String quote(String text) {
        return "'" + escape(text) + "'";
    }

    /** The text as {@link #quote} shows it, without the quotes. */
    public static String escape(String text) {
        StringBuilder sb = new StringBuilder();
        int end = Math.min(text.length(), MAX_LENGTH);
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || c == '\'' || c == '"' || c == '\\') {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        if (text.length() > end) {
            sb.append("...");
        }
        return sb.toString();
    }
}
