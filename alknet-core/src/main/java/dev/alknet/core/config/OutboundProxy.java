package dev.alknet.core.config;

import dev.alknet.core.config.internal.Printable;
import java.util.Locale;
import java.util.Objects;

/**
 * A SOCKS5 or HTTP CONNECT proxy: the one the server reaches forwarding targets through, or the one a client
 * reaches its server through.
 *
 * @param scheme how to talk to the proxy
 * @param address the proxy's host and port (port 1-65535)
 */
public record OutboundProxy(Scheme scheme, HostPort address) {

    /** The proxy protocols supported. */
    public enum Scheme {
        /** SOCKS5; the proxy resolves host names. */
        SOCKS5,
        /** HTTP CONNECT. */
        HTTP;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public OutboundProxy {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(address, "address");
        if (address.port() == 0) {
            throw new ConfigException("", "proxy port must be 1-65535");
        }
    }

    /**
     * Parses {@code socks5://host:port} or {@code http://host:port} (an optional trailing {@code /} is allowed).
     *
     * @throws ConfigException for other schemes, paths, or credentials in the URL (whose text is then not
     *     repeated, since it holds a password)
     */
    public static OutboundProxy parse(String url) {
        if (url.indexOf('@') >= 0) {
            throw new ConfigException("", "credentials in the proxy URL are not supported");
        }
        int sep = url.indexOf("://");
        Scheme scheme = null;
        if (sep > 0) {
            String name = url.substring(0, sep).toLowerCase(Locale.ROOT);
            for (Scheme s : Scheme.values()) {
                if (s.wireName().equals(name)) {
                    scheme = s;
                }
            }
        }
        if (scheme == null) {
            throw new ConfigException("", "unsupported proxy " + Printable.quote(url)
                    + "; expected socks5://host:port or http://host:port");
        }
        String rest = url.substring(sep + 3);
        if (rest.endsWith("/")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        if (rest.indexOf('/') >= 0 || rest.indexOf('?') >= 0 || rest.indexOf('#') >= 0) {
            throw new ConfigException("", "a proxy URL has no path or query: " + Printable.quote(url));
        }
        return new OutboundProxy(scheme, HostPort.parse(rest));
    }

    @Override
    public String toString() {
        return scheme.wireName() + "://" + address;
    }
}
