package dev.alknet.core.config;

import dev.alknet.core.TransportKind;
import dev.alknet.core.config.internal.Printable;
import dev.alknet.core.config.internal.Unsupported;
import java.util.Objects;
import java.util.Optional;

/**
 * One socket the server accepts connections on: a transport (TCP or TLS), the interface that runs on it, the
 * address to bind and, for TLS, the certificate files. Each listener gets its own accept loop; all share the
 * server's {@link DynamicConfig}.
 *
 * <p>The constructor rejects combinations that cannot work, with a {@link ConfigException} whose key path is
 * relative to the listener ({@code transport}, {@code tls}, {@code stealth}).
 *
 * @param stealth answer anything that is not an SSH client with a web server's 404 (TLS and SSH only)
 * @param path the request path that upgrades to WebSocket (websocket interface only; default
 *     {@value #DEFAULT_WEBSOCKET_PATH})
 * @param origins the web pages that may open WebSocket sessions (websocket interface only; default
 *     {@link OriginPolicy#noPages()})
 */
public record ListenerConfig(
        TransportKind transport, InterfaceKind interfaceKind, HostPort listen, Optional<TlsFiles> tls,
        boolean stealth, Optional<String> path, OriginPolicy origins) {

    /** {@code 0.0.0.0:22}, the spec's default listen address. */
    public static final HostPort DEFAULT_LISTEN = new HostPort("0.0.0.0", 22);

    /** Where a websocket listener upgrades when no path is configured. */
    public static final String DEFAULT_WEBSOCKET_PATH = "/alknet";

    public ListenerConfig {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(interfaceKind, "interfaceKind");
        Objects.requireNonNull(listen, "listen");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(origins, "origins");
        if (transport == TransportKind.IROH) {
            throw new ConfigException("transport", Unsupported.IROH);
        }
        if (transport != TransportKind.TCP && transport != TransportKind.TLS) {
            throw new ConfigException("transport", "transport '" + transport
                    + "' is not supported by alknet-java listeners yet; use tcp or tls");
        }
        if (transport == TransportKind.TLS && tls.isEmpty()) {
            throw new ConfigException("tls", "tls transport needs a certificate: set tls.cert and tls.key");
        }
        if (transport == TransportKind.TCP && tls.isPresent()) {
            throw new ConfigException("tls",
                    "TLS options are incompatible with tcp transport; set transport = \"tls\" or drop them");
        }
        if (stealth && transport != TransportKind.TLS) {
            throw new ConfigException("stealth", "stealth mode requires TLS transport (transport = \"tls\")");
        }
        if (stealth && interfaceKind != InterfaceKind.SSH) {
            // Stealth tells SSH clients from web probes by the SSH banner; raw framing has none.
            throw new ConfigException("stealth", "stealth mode requires the ssh interface");
        }
        if (path.isPresent() && interfaceKind != InterfaceKind.WEBSOCKET) {
            throw new ConfigException("path", "a path applies to the websocket interface only");
        }
        if (!origins.equals(OriginPolicy.noPages()) && interfaceKind != InterfaceKind.WEBSOCKET) {
            throw new ConfigException("allowed_origins", "allowed origins apply to the websocket interface only");
        }
        path.ifPresent(p -> {
            if (!p.startsWith("/") || p.contains("?") || p.contains("#") || p.chars().anyMatch(c -> c <= ' ')) {
                throw new ConfigException("path", "a WebSocket path starts with / and has no query, fragment or "
                        + "spaces, got " + Printable.quote(p));
            }
        });
    }

    /** The request path a websocket listener upgrades on. */
    public String websocketPath() {
        return path.orElse(DEFAULT_WEBSOCKET_PATH);
    }

    /** A plain TCP listener running SSH. */
    public static ListenerConfig tcp(HostPort listen) {
        return builder().listen(listen).build();
    }

    /** A TLS listener running SSH. */
    public static ListenerConfig tls(HostPort listen, TlsFiles tls) {
        return builder().transport(TransportKind.TLS).listen(listen).tls(tls).build();
    }

    /** Starts from the defaults: TCP, SSH, {@link #DEFAULT_LISTEN}, no TLS, no stealth. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this listener's values, for changing several at once (e.g. from CLI flags). */
    public Builder toBuilder() {
        return new Builder().transport(transport).interfaceKind(interfaceKind).listen(listen)
                .tls(tls.orElse(null)).stealth(stealth).path(path.orElse(null)).origins(origins);
    }

    /** Collects listener values; {@link #build()} validates them together. */
    public static final class Builder {

        private TransportKind transport = TransportKind.TCP;
        private InterfaceKind interfaceKind = InterfaceKind.SSH;
        private HostPort listen = DEFAULT_LISTEN;
        private TlsFiles tls;
        private boolean stealth;
        private String path;
        private OriginPolicy origins = OriginPolicy.noPages();

        private Builder() {
        }

        public Builder transport(TransportKind transport) {
            this.transport = transport;
            return this;
        }

        public Builder interfaceKind(InterfaceKind interfaceKind) {
            this.interfaceKind = interfaceKind;
            return this;
        }

        public Builder listen(HostPort listen) {
            this.listen = listen;
            return this;
        }

        /** @param tls the certificate files, {@code null} for none */
        public Builder tls(TlsFiles tls) {
            this.tls = tls;
            return this;
        }

        public Builder stealth(boolean stealth) {
            this.stealth = stealth;
            return this;
        }

        /** @param path the WebSocket upgrade path, {@code null} for the default */
        public Builder path(String path) {
            this.path = path;
            return this;
        }

        public Builder origins(OriginPolicy origins) {
            this.origins = origins;
            return this;
        }

        /** @throws ConfigException when the values do not fit together */
        public ListenerConfig build() {
            return new ListenerConfig(transport, interfaceKind, listen, Optional.ofNullable(tls), stealth,
                    Optional.ofNullable(path), origins);
        }
    }
}
