package dev.alknet.core.config.internal;

/**
 * Where a value sits in a TOML document, rendered the way error messages show it: dotted keys, 0-based
 * {@code [i]} for array elements, keys that are not bare TOML keys in double quotes and escaped
 * ({@code forwarding.rules[2].target}, {@code auth."my key"}).
 */
public record KeyPath(String text) {

    public static final KeyPath ROOT = new KeyPath("");

    public KeyPath key(String key) {
        String rendered = isBare(key) ? key : '"' + Printable.escape(key) + '"';
        return new KeyPath(text.isEmpty() ? rendered : text + '.' + rendered);
    }

    public KeyPath index(int index) {
        return new KeyPath(text + '[' + index + ']');
    }

    /** Appends a path given relative to this one, such as {@code tls.cert} or {@code [1].listen}. */
    public KeyPath resolve(String relative) {
        if (relative.isEmpty() || text.isEmpty() || relative.startsWith("[")) {
            return new KeyPath(text + relative);
        }
        return new KeyPath(text + '.' + relative);
    }

    /** The enclosing table or array; the root is its own parent. */
    public KeyPath parent() {
        int cut = 0;
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && quoted) {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '.' || c == '[')) {
                cut = i;
            }
        }
        return new KeyPath(text.substring(0, cut));
    }

    public boolean isRoot() {
        return text.isEmpty();
    }

    private static boolean isBare(String key) {
        return !key.isEmpty() && key.chars().allMatch(
                c -> (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'
                        || c == '-');
    }

    @Override
    public String toString() {
        return text;
    }
}
