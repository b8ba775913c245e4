package dev.alknet.transport;

import dev.alknet.auth.AuthLog;
import dev.alknet.auth.ConfigIdentityProvider;
import dev.alknet.auth.LoginAuthority;
import dev.alknet.auth.HostKeys;
import dev.alknet.auth.OpenSshKeyPair;
import dev.alknet.auth.OpenSshPublicKey;
import dev.alknet.core.config.ConfigReloadHandle;
import dev.alknet.core.config.ListenerConfig;
import dev.alknet.core.config.OutboundProxy;
import dev.alknet.core.config.StaticConfig;
import dev.alknet.transport.internal.server.ServerRuntime;
import dev.alknet.transport.internal.sshd.EventLoops;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The alknet SSH server: one MINA SSH server on Netty with a listener per {@link ListenerConfig} (tcp, tls,
 * tls+stealth), public key authentication against the dynamic config (or another {@link LoginAuthority}, such as
 * the storage identity tables), and forwarding ({@code -L}, {@code -D},
 * {@code -R}) under its forwarding policy. Nothing else: no shell, exec, pty, agent or X11.
 *
 * <pre>{@code
 * try (AlknetServer server = AlknetServer.builder()
 *         .listener(ListenerConfig.tcp(new HostPort("127.0.0.1", 2222)))
 *         .config(new ConfigReloadHandle(dynamicConfig))
 *         .hostKeyFile(Path.of("host_ed25519"))
 *         .start()) {
 *     ...
 * }
 * }</pre>
 *
 * <p>Reloading the handle changes auth, the policy and rate limits for what comes next (the next login, channel
 * or connection); listeners, host key and proxy are fixed at {@link Builder#start()}.
 */
public final class AlknetServer implements AutoCloseable {

    private final ServerRuntime runtime;
    private final ConfigReloadHandle config;
    private final OpenSshPublicKey hostKey;

    private AlknetServer(ServerRuntime runtime, ConfigReloadHandle config, OpenSshPublicKey hostKey) {
        this.runtime = runtime;
        this.config = config;
        this.hostKey = hostKey;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The addresses actually bound, in listener order (useful with port 0). */
    public List<InetSocketAddress> listenAddresses() {
        return runtime.listenAddresses();
    }

    /** The dynamic configuration the server reads; reload it to change auth, policy and rate limits. */
    public ConfigReloadHandle config() {
        return config;
    }

    /** The server's host key, e.g. to print its fingerprint or write a known_hosts line. */
    public OpenSshPublicKey hostKey() {
        return hostKey;
    }

    /**
     * Graceful shutdown: stops accepting, sends every session an SSH disconnect ("shutdown"), lets them drain for
     * up to 2 s, then closes what is left. Idempotent; blocks until done.
     */
    @Override
    public void close() {
        runtime.close();
    }

    /** Collects the server's settings; {@link #start()} binds the listeners. Not thread-safe. */
    public static final class Builder {

        private final List<ListenerConfig> listeners = new ArrayList<>();
        private ConfigReloadHandle config;
        private OpenSshKeyPair hostKey;
        private Path hostKeyFile;
        private OutboundProxy proxy;
        private ControlChannelHandler controlChannelHandler;
        private AuthLog authLog;
        private LoginAuthority logins;
        private RekeyLimit rekeyLimit = RekeyLimit.DEFAULT;

        private Builder() {
        }

        /** Takes the listeners, host key file and outbound proxy of a static config (replacing listeners set). */
        public Builder staticConfig(StaticConfig config) {
            listeners.clear();
            listeners.addAll(config.listeners());
            hostKeyFile = config.hostKey().orElse(null);
            proxy = config.proxy().orElse(null);
            return this;
        }

        /** Adds a listener; at least one is required. */
        public Builder listener(ListenerConfig listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** The dynamic config (auth, forwarding policy, rate limits); required. */
        public Builder config(ConfigReloadHandle config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /** The host key itself; takes precedence over {@link #hostKeyFile}. */
        public Builder hostKey(OpenSshKeyPair hostKey) {
            this.hostKey = Objects.requireNonNull(hostKey, "hostKey");
            return this;
        }

        /** Loads the host key from this file, generating an Ed25519 key there when it does not exist. */
        public Builder hostKeyFile(Path file) {
            this.hostKeyFile = Objects.requireNonNull(file, "file");
            return this;
        }

        /** Connects forwarding targets through this SOCKS5 or HTTP CONNECT proxy; {@code null} for direct. */
        public Builder proxy(OutboundProxy proxy) {
            this.proxy = proxy;
            return this;
        }

        /** Takes {@code alknet-control:0} channels; without one they are refused. */
        public Builder controlChannelHandler(ControlChannelHandler handler) {
            this.controlChannelHandler = Objects.requireNonNull(handler, "handler");
            return this;
        }

        /** Where the fail2ban lines go; by default the {@value AuthLog#LOGGER_NAME} logger. */
        public Builder authLog(AuthLog authLog) {
            this.authLog = Objects.requireNonNull(authLog, "authLog");
            return this;
        }

        /**
         * Who may log in: by default a {@link ConfigIdentityProvider} over {@link #config}, i.e. the authorized keys
         * and CAs of the dynamic config in force; e.g. {@link dev.alknet.auth.ProviderLogins} takes logins from
         * storage instead. The fail2ban lines are the same either way.
         */
        public Builder logins(LoginAuthority logins) {
            this.logins = Objects.requireNonNull(logins, "logins");
            return this;
        }

        /** When sessions renew their keys; {@link RekeyLimit#DEFAULT} unless set. */
        public Builder rekeyLimit(RekeyLimit limit) {
            this.rekeyLimit = Objects.requireNonNull(limit, "limit");
            return this;
        }

        /**
         * Binds every listener and starts serving.
         *
         * @throws IOException when a listener cannot bind (the others are released again)
         * @throws IllegalStateException when no listener, no config or no host key was given
         * @throws TlsFileException when a TLS listener's certificate or key cannot be used
         */
        public AlknetServer start() throws IOException {
            if (listeners.isEmpty()) {
                throw new IllegalStateException("no listener: add one with listener(...) or staticConfig(...)");
            }
            if (config == null) {
                throw new IllegalStateException("no config: set config(new ConfigReloadHandle(dynamicConfig))");
            }
            if (hostKey == null && hostKeyFile == null) {
                throw new IllegalStateException("no host key: set hostKey(...) or hostKeyFile(...)");
            }
            OpenSshKeyPair key = hostKey != null ? hostKey : HostKeys.loadOrGenerate(hostKeyFile);
            EventLoops loops = new EventLoops(new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory()),
                    new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory()));
            TunnelOpener opener = proxy == null ? DirectTunnelOpener.direct(loops.worker())
                    : DirectTunnelOpener.through(loops.worker(), proxy);
            try {
                ServerRuntime runtime = ServerRuntime.start(List.copyOf(listeners), config, key, loops, opener,
                        controlChannelHandler, authLog == null ? new AuthLog() : authLog, rekeyLimit,
                        logins == null ? new ConfigIdentityProvider(config) : logins);
                return new AlknetServer(runtime, config, key.publicKey());
            } catch (IOException | RuntimeException e) {
                loops.boss().shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
                loops.worker().shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
                throw e;
            }
        }
    }
}
