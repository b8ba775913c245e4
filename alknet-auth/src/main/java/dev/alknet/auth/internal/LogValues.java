package dev.alknet.auth.internal;

/**
 * Makes text that came from the network safe to put in a log line or an error message: one token, no spaces,
 * no {@code =}, no line breaks, bounded length. Anything outside a conservative ASCII set becomes {@code ?}, so a
 * client cannot forge a second key=value field or a second line (which a fail2ban filter would trust).
 */
public final class LogValues {

    /** Longer values are cut: enough for any real user name, short enough to keep a line readable. */
    public static final int MAX_LENGTH = 64;
    private static final int MAX_MESSAGE_LENGTH = 160;

    private LogValues() {
    }

    public static String token(String value) {
        if (value == null || value.isEmpty()) {
            return "-";
        }
        int length = Math.min(value.length(), MAX_LENGTH);
        StringBuilder out = new StringBuilder(length + 1);
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            out.append(isSafe(c) ? c : '?');
        }
        if (value.length() > MAX_LENGTH) {
            out.append('+');
        }
        return out.toString();
    }

    /** Like {@link #token} but keeps spaces and allows longer text; for quoting a value inside an error message. */
    public static String printable(String value) {
        StringBuilder out = new StringBuilder();
        int length = Math.min(value.length(), MAX_MESSAGE_LENGTH);
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return value.length() > MAX_MESSAGE_LENGTH ? out.append("...").toString() : out.toString();
    }

    private static boolean isSafe(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '.' || c == '_' || c == '-' || c == '@' || c == '+' || c == '/' || c == ':';
    }
}
