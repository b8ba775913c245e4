package dev.alknet.transport.internal.forward;

import dev.alknet.core.config.HostPort;
import java.util.ArrayList;
import java.util.List;

/** Parses {@code [bind:]port:host:port} forward specs, shared by {@code -L} and {@code -R}. */
public final class ForwardSpecs {

    /** The 3-part form binds loopback only, like OpenSSH without GatewayPorts. */
    static final String DEFAULT_BIND = "127.0.0.1";

    private ForwardSpecs() {
    }

    /**
     * @param flag {@code -L} or {@code -R}, for the error message
     * @return the bind and the target address
     * @throws IllegalArgumentException naming the spec and the part that is wrong
     */
    public static HostPort[] parse(String flag, String spec) {
        if (spec == null) {
            throw new IllegalArgumentException(flag + " spec is missing; expected [bind:]port:host:port");
        }
        List<String> parts = split(flag, spec);
        if (parts.size() != 3 && parts.size() != 4) {
            throw error(flag, spec, "expected [bind:]port:host:port (IPv6 literals in brackets), found "
                    + parts.size() + " parts");
        }
        int first = parts.size() - 3;
        String bindHost = first == 0 ? DEFAULT_BIND : host(flag, spec, "bind address", parts.get(0));
        int bindPort = port(flag, spec, "bind port", parts.get(first), 0);
        String targetHost = host(flag, spec, "target host", parts.get(first + 1));
        int targetPort = port(flag, spec, "target port", parts.get(first + 2), 1);
        return new HostPort[] {new HostPort(bindHost, bindPort), new HostPort(targetHost, targetPort)};
    }

    // Splits on ':' outside brackets so that IPv6 literals stay whole.
    private static List<String> split(String flag, String spec) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        boolean inBrackets = false;
        for (int i = 0; i < spec.length(); i++) {
            char c = spec.charAt(i);
            if (c == '[') {
                if (inBrackets) {
                    throw error(flag, spec, "nested '['");
                }
                inBrackets = true;
            } else if (c == ']') {
                if (!inBrackets) {
                    throw error(flag, spec, "']' without '['");
                }
                inBrackets = false;
            } else if (c == ':' && !inBrackets) {
                parts.add(spec.substring(start, i));
                start = i + 1;
            }
        }
        if (inBrackets) {
            throw error(flag, spec, "'[' without ']'");
        }
        parts.add(spec.substring(start));
        return parts;
    }

    private static String host(String flag, String spec, String what, String text) {
        if (text.isEmpty()) {
            throw error(flag, spec, what + " is empty");
        }
        if (text.startsWith("[")) {
            String inner = text.substring(1, text.length() - 1);
            // A zone id (fe80::1%eth0) names an interface, so it may hold any name character.
            int zone = inner.indexOf('%');
            String address = zone < 0 ? inner : inner.substring(0, zone);
            boolean valid = text.endsWith("]") && address.indexOf(':') >= 0
                    && address.chars().allMatch(c -> hexDigit(c) || c == ':' || c == '.')
                    && (zone < 0 || (zone + 1 < inner.length()
                            && inner.substring(zone + 1).chars().allMatch(ForwardSpecs::nameChar)));
            if (!valid) {
                throw error(flag, spec, what + " " + quote(text) + " is not a bracketed IPv6 address");
            }
            return inner;
        }
        if (!text.chars().allMatch(ForwardSpecs::nameChar)) {
            throw error(flag, spec, what + " " + quote(text)
                    + " is not a host name or IP address (IPv6 addresses need brackets)");
        }
        return text;
    }

    private static int port(String flag, String spec, String what, String text, int min) {
        // Digits only: Integer.parseInt would also take "+22" and non-ASCII digits.
        boolean digits = !text.isEmpty() && text.length() <= 5 && text.chars().allMatch(c -> c >= '0' && c <= '9');
        int port = digits ? Integer.parseInt(text) : -1;
        if (port < min || port > 65535) {
            throw error(flag, spec, what + " " + quote(text) + " must be a number " + min + "-65535");
        }
        return port;
    }

    private static boolean hexDigit(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static boolean nameChar(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '_' || c == '.';
    }

    private static IllegalArgumentException error(String flag, String spec, String reason) {
        return new IllegalArgumentException("invalid " + flag + " spec " + quote(spec) + ": " + reason);
    }

    // Specs come from command lines and configs: keep control characters and huge inputs out of messages.
    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        int limit = Math.min(text.length(), 100);
        for (int i = 0; i < limit; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '"' || c == '\\') {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append(text.length() > limit ? "...\"" : "\"").toString();
    }
}
