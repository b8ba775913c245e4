package dev.alknet.core.config;

import dev.alknet.core.config.internal.Printable;

/**
 * A host and port as written in a config: {@code host:port}, {@code 0.0.0.0:22} or {@code [::1]:443}.
 *
 * <p>The host is kept as text and never resolved here: names are looked up (if at all) by whoever binds or
 * connects. Port {@code 0} is allowed and means "any free port" when binding, which tests rely on.
 *
 * @param host a name, an IPv4 literal or an IPv6 literal without brackets
 * @param port 0..65535
 */
public record HostPort(String host, int port) {

    public HostPort {
        if (host == null || host.isBlank()) {
            throw new ConfigException("", "host must not be empty");
        }
        if (port < 0 || port > 65535) {
            throw new ConfigException("", "port " + port + " is out of range (0-65535)");
        }
    }

    /**
     * Parses {@code host:port} or {@code [ipv6]:port}.
     *
     * @throws ConfigException saying what is wrong with the text; the key path is empty
     */
    public static HostPort parse(String text) {
        String quoted = Printable.quote(text);
        String host;
        String portText;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0 || close + 1 >= text.length() || text.charAt(close + 1) != ':') {
                throw new ConfigException("", "expected [ipv6]:port, got " + quoted);
            }
            host = text.substring(1, close);
            portText = text.substring(close + 2);
        } else {
            int colon = text.lastIndexOf(':');
            if (colon < 0) {
                throw new ConfigException("", "expected host:port, got " + quoted);
            }
            host = text.substring(0, colon);
            portText = text.substring(colon + 1);
            if (host.indexOf(':') >= 0) {
                throw new ConfigException("", "an IPv6 address needs brackets, e.g. [::1]:22; got " + quoted);
            }
        }
        if (host.isEmpty()) {
            throw new ConfigException("", "missing host in " + quoted);
        }
        boolean ipv6 = host.indexOf(':') >= 0;
        if (text.startsWith("[") != ipv6 || !host.chars().allMatch(c -> hostChar(c, ipv6))) {
            throw new ConfigException("", "invalid host in " + quoted
                    + "; expected a host name, an IPv4 address or a bracketed IPv6 address");
        }
        return new HostPort(host, parsePort(portText, quoted));
    }

    // Deliberately loose: binding or connecting finds a bad name; this only catches text that cannot be one.
    // IPv6 literals may carry an embedded IPv4 tail and a zone id such as fe80::1%eth0.
    private static boolean hostChar(int c, boolean ipv6) {
        boolean nameChar = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '_' || c == '.';
        return nameChar || (ipv6 && (c == ':' || c == '%'));
    }

    private static int parsePort(String text, String quoted) {
        // Digits only: Integer.parseInt would also take "+22" and non-ASCII digits.
        if (text.isEmpty() || text.length() > 5 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new ConfigException("", "port must be a number 0-65535 in " + quoted);
        }
        return Integer.parseInt(text);
    }

    /** The text form, bracketing IPv6 literals: {@code [::1]:22}. */
    @Override
    public String toString() {
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }
}
