package dev.alknet.core.config;

import java.util.OptionalInt;

/**
 * A configuration is invalid: a TOML syntax error, an unknown key, a wrong type or value, an incompatible
 * combination of options, or a file it names that cannot be read.
 *
 * <p>The message reads like a compiler error, {@code <file>:<line>: <key path>: <reason>}, for example
 * {@code /etc/alknet/alknet.toml:14: forwarding.rules[2].target: ...}, leaving out the parts that are unknown.
 * Key paths use dots for tables and 0-based {@code [i]} for arrays. Messages quote what the operator wrote
 * (addresses, paths, names) but never key material other than public keys, nor credentials.
 *
 * <p>Value types throw it with a key path relative to themselves and no file (e.g. {@code stealth}); the
 * loader rethrows it with the file, the line and the full key path.
 */
public final class ConfigException extends RuntimeException {

    private final String source;
    private final int line;
    private final String keyPath;
    private final String reason;

    /**
     * @param source the file or other source the config came from, {@code null} when there is none
     * @param line the 1-based line, {@code 0} when unknown
     * @param keyPath where in the config, e.g. {@code server.listen}; empty when the problem is the whole input
     * @param reason what is wrong and, where it helps, what to do
     * @param cause the underlying failure, or {@code null}
     */
    public ConfigException(String source, int line, String keyPath, String reason, Throwable cause) {
        super(message(source, line, keyPath, reason), cause);
        this.source = source;
        this.line = Math.max(line, 0);
        this.keyPath = keyPath == null ? "" : keyPath;
        this.reason = reason;
    }

    /** A problem found in a value built in code, located by key path only. */
    public ConfigException(String keyPath, String reason) {
        this(null, 0, keyPath, reason, null);
    }

    /** The file or source name, {@code null} when the config did not come from one. */
    public String source() {
        return source;
    }

    /** The 1-based line of the offending key or table, when known. */
    public OptionalInt line() {
        return line == 0 ? OptionalInt.empty() : OptionalInt.of(line);
    }

    /** The key path, e.g. {@code listeners[1].tls.key}; empty when the problem concerns the whole input. */
    public String keyPath() {
        return keyPath;
    }

    /** The message without the location prefix. */
    public String reason() {
        return reason;
    }

    private static String message(String source, int line, String keyPath, String reason) {
        StringBuilder sb = new StringBuilder();
        if (source != null) {
            sb.append(source);
            if (line > 0) {
                sb.append(':').append(line);
            }
            sb.append(": ");
        } else if (line > 0) {
            sb.append("line ").append(line).append(": ");
        }
        if (keyPath != null && !keyPath.isEmpty()) {
            sb.append(keyPath).append(": ");
        }
        return sb.append(reason).toString();
    }
}
