package dev.alknet.core.policy;

/**
 * A forwarding policy written in the string syntax (config file, CLI) is malformed.
 *
 * <p>The message names where the problem is and why, e.g. {@code forwarding rule 2: target '10.0.0.0/33':
 * prefix length 33 exceeds 32 for IPv4}. It quotes policy text only, never a tunnel destination, so it is safe
 * to show to the operator who wrote the config.
 */
public final class PolicySyntaxException extends IllegalArgumentException {

    /** The {@link #ruleIndex()} of errors that are not inside a rule (the default action, a lone pattern). */
    public static final int NO_RULE = -1;

    private static final int MAX_QUOTED = 80;

    private final int ruleIndex;
    private final String field;
    private final String text;

    /**
     * @param ruleIndex 0-based index of the rule in the list given to the parser, or {@link #NO_RULE}
     * @param field the part that is wrong: {@code target}, {@code action}, {@code principals},
     *     {@code transports}, {@code default}, {@code rule}
     * @param text the offending text, {@code null} when the value is missing
     * @param reason why it is wrong, in words the operator can act on
     */
    public PolicySyntaxException(int ruleIndex, String field, String text, String reason) {
        super(message(ruleIndex, field, text, reason));
        this.ruleIndex = ruleIndex;
        this.field = field;
        this.text = text;
    }

    /** 0-based index of the offending rule, or {@link #NO_RULE} for the default action or a lone pattern. */
    public int ruleIndex() {
        return ruleIndex;
    }

    /** Which part of the rule is wrong, e.g. {@code target}. */
    public String field() {
        return field;
    }

    /** The offending text as given, {@code null} when the value was missing. */
    public String text() {
        return text;
    }

    private static String message(int ruleIndex, String field, String text, String reason) {
        StringBuilder sb = new StringBuilder("forwarding ");
        if (ruleIndex >= 0) {
            sb.append("rule ").append(ruleIndex).append(": ");
        }
        sb.append(field);
        if (text != null) {
            sb.append(" '");
            appendPrintable(sb, text);
            sb.append('\'');
        }
        return sb.append(": ").append(reason).toString();
    }

    // Config text can hold anything; escaping keeps a hostile value from forging lines in a log or terminal.
    private static void appendPrintable(StringBuilder sb, String text) {
        int end = Math.min(text.length(), MAX_QUOTED);
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            if (needsEscape(c)) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        if (text.length() > end) {
            sb.append("...");
        }
    }

    private static boolean needsEscape(char c) {
        if (c == '\'' || c == '\\' || Character.isISOControl(c)) {
            return true;
        }
        int type = Character.getType(c);
        // Bidirectional overrides and line separators can make a message read differently from what it says.
        return type == Character.FORMAT || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                || type == Character.SURROGATE;
    }
}
