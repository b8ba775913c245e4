package dev.alknet.transport;

import dev.alknet.auth.OpenSshKeyPair;
import dev.alknet.auth.OpenSshPublicKey;
import dev.alknet.core.TransportKind;
import dev.alknet.core.config.HostPort;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The alknet SSH client: one SSH session to a server over TCP or TLS, with an optional SOCKS5 front end,
 * local ({@code -L}) and remote ({@code -R}) forwards, and {@link #openChannel} for embedding applications.
 * Reconnects on its own after the session drops.
 */
public final class AlknetClient implements TunnelOpener, AutoCloseable {

    private final Builder config;

    private AlknetClient(Builder config) {
        this.config = config;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Connects and authenticates, registers the remote forwards and starts the local listeners.
     *
     * @throws IOException saying why: unreachable server, TLS failure, host key mismatch, authentication failed
     */
    public void connect() throws IOException {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** A {@code direct-tcpip} channel to {@code host:port}; the server resolves the name. */
    public CompletableFuture<Tunnel> openChannel(String host, int port) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    @Override
    public CompletableFuture<Tunnel> open(String host, int port) {
        return openChannel(host, port);
    }

    public Optional<InetSocketAddress> socksAddress() {
        return Optional.empty();
    }

    public List<InetSocketAddress> localForwardAddresses() {
        return List.of();
    }

    public boolean isConnected() {
        return false;
    }

    @Override
    public void close() {
    }

    /** Collects the client's settings; {@link #build()} checks them. */
    public static final class Builder {

        private HostPort server;
        private TransportKind transport = TransportKind.TCP;
        private TlsClientSettings tls;
        private OpenSshKeyPair identity;
        private String user = "alknet";
        private OpenSshPublicKey pinnedServerKey;
        private Path knownHosts;
        private boolean insecure;
        private HostPort socks5;
        private final List<LocalForward> localForwards = new ArrayList<>();
        private final List<RemoteForward> remoteForwards = new ArrayList<>();

        private Builder() {
        }

        public Builder server(HostPort server) {
            this.server = Objects.requireNonNull(server, "server");
            return this;
        }

        public Builder transport(TransportKind kind) {
            this.transport = Objects.requireNonNull(kind, "kind");
            return this;
        }

        public Builder tls(TlsClientSettings settings) {
            this.tls = Objects.requireNonNull(settings, "settings");
            return this;
        }

        public Builder identity(OpenSshKeyPair key) {
            this.identity = Objects.requireNonNull(key, "key");
            return this;
        }

        public Builder user(String user) {
            this.user = Objects.requireNonNull(user, "user");
            return this;
        }

        public Builder serverKey(OpenSshPublicKey pinned) {
            this.pinnedServerKey = Objects.requireNonNull(pinned, "pinned");
            return this;
        }

        public Builder knownHosts(Path file) {
            this.knownHosts = Objects.requireNonNull(file, "file");
            return this;
        }

        public Builder insecureAcceptAnyServerKey() {
            this.insecure = true;
            return this;
        }

        public Builder socks5(HostPort bind) {
            this.socks5 = Objects.requireNonNull(bind, "bind");
            return this;
        }

        public Builder localForward(LocalForward spec) {
            localForwards.add(Objects.requireNonNull(spec, "spec"));
            return this;
        }

        public Builder remoteForward(RemoteForward spec) {
            remoteForwards.add(Objects.requireNonNull(spec, "spec"));
            return this;
        }

        public AlknetClient build() {
            return new AlknetClient(this);
        }
    }
}
