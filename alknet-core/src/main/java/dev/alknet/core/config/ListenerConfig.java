package dev.alknet.core.config;

import dev.alknet.core.TransportKind;
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
 */
public record ListenerConfig(
        TransportKind transport, InterfaceKind interfaceKind, HostPort listen, Optional<TlsFiles> tls,
        boolean stealth) {

    /** {@code 0.0.0.0:22}, the spec's default listen address. */
    public static final HostPort DEFAULT_LISTEN = new HostPort("0.0.0.0", 22);

    public ListenerConfig {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(interfaceKind, "interfaceKind");
        Objects.requireNonNull(listen, "listen");
        Objects.requireNonNull(tls, "tls");
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
                .tls(tls.orElse(null)).stealth(stealth);
    }

    /** Collects listener values; {@link #build()} validates them together. */
    public static final class Builder {

        private TransportKind transport = TransportKind.TCP;
        private InterfaceKind interfaceKind = InterfaceKind.SSH;
        private HostPort listen = DEFAULT_LISTEN;
        private TlsFiles tls;
        private boolean stealth;

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

        /** @throws ConfigException when the values do not fit together */
        public ListenerConfig build() {
            return new ListenerConfig(transport, interfaceKind, listen, Optional.ofNullable(tls), stealth);
        }
    }
}
