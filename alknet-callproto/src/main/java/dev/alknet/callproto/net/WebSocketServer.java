package dev.alknet.callproto.net;

import dev.alknet.callproto.internal.Durations;
import dev.alknet.auth.AuthLog;
import dev.alknet.callproto.CallSession;
import dev.alknet.callproto.net.internal.MessageStream;
import dev.alknet.callproto.net.internal.UpgradeAuth;
import dev.alknet.core.Identity;
import dev.alknet.core.IdentityProvider;
import dev.alknet.core.config.ListenerConfig;
import dev.alknet.core.frame.FrameCodec;
import dev.alknet.transport.ListenerFrontEnd;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;

/**
 * Serves the call protocol over WebSocket, on TCP or TLS listeners: each upgraded connection is one session, each
 * message (text or binary) one envelope without a length prefix.
 *
 * <pre>{@code
 * try (WebSocketServer server = WebSocketServer.builder(SessionAcceptor.serving(registry))
 *         .listener(ListenerConfig.tls(hostPort, tlsFiles))          // wss://host:port/alknet
 *         .identities(new ConfigIdentityProvider(configHandle))
 *         .start()) { ... }
 * }</pre>
 *
 * <p>The upgrade request authenticates (docs/call-protocol.md, "WebSocket"): {@code Authorization: Bearer <token>}
 * (or a {@code token} query parameter, for browsers) makes the session run as the token's identity; a token that
 * does not verify is answered 401 before the upgrade. Without a token the session is anonymous, unless
 * {@link Builder#requireToken} refuses it (401). Only the listener's transport, address and TLS files are used:
 * its interface kind is not (the config format has no WebSocket interface).
 */
public final class WebSocketServer implements AutoCloseable {

    public static final String DEFAULT_PATH = ListenerConfig.DEFAULT_WEBSOCKET_PATH;
    /** How long a new connection may take to complete TLS and the upgrade, unless set otherwise. */
    public static final Duration DEFAULT_UPGRADE_TIMEOUT = Duration.ofSeconds(10);

    private final SessionAcceptor acceptor;
    private final ServerCore core = new ServerCore("ws");

    private WebSocketServer(SessionAcceptor acceptor) {
        this.acceptor = acceptor;
    }

    public static Builder builder(SessionAcceptor acceptor) {
        return new Builder(acceptor);
    }

    /** The addresses actually bound, in listener order (useful with port 0). */
    public List<InetSocketAddress> listenAddresses() {
        return core.listenAddresses();
    }

    /** The sessions currently open. */
    public Set<CallSession> sessions() {
        return core.sessions();
    }

    /** Stops accepting, closes every session and releases the threads. Idempotent; blocks until done. */
    @Override
    public void close() {
        core.close();
    }

    private void start(MessageStream stream, Identity peer) {
        CallSession session = core.start(acceptor, stream, peer, stream::refused);
        if (session != null) {
            stream.bind(session);
        }
    }

    /** Collects the server's settings; {@link #start()} binds. Not thread-safe. */
    public static final class Builder {

        private final SessionAcceptor acceptor;
        private final List<ListenerConfig> listeners = new ArrayList<>();
        /** Null: each listener's own {@link ListenerConfig#websocketPath()}. */
        private String path;
        private IdentityProvider identities = IdentityProvider.none();
        private boolean requireToken;
        private boolean queryToken = true;
        private FrameCodec codec = FrameCodec.defaults();
        private Duration upgradeTimeout = DEFAULT_UPGRADE_TIMEOUT;
        private AuthLog authLog;

        private Builder(SessionAcceptor acceptor) {
            this.acceptor = Objects.requireNonNull(acceptor, "acceptor");
        }

        /** Adds a TCP or TLS listener (not a stealth one: that demultiplexes SSH); at least one is required. */
        public Builder listener(ListenerConfig listener) {
            if (listener.stealth()) {
                throw new IllegalArgumentException("a stealth listener serves SSH, not WebSocket: "
                        + listener.listen());
            }
            listeners.add(listener);
            return this;
        }

        /**
         * The one request path that upgrades on every listener; others get 404. By default each listener's
         * {@code path} ({@value #DEFAULT_PATH} unless configured).
         */
        public Builder path(String path) {
            if (!path.startsWith("/") || path.contains("?") || path.contains("#")) {
                throw new IllegalArgumentException("a WebSocket path starts with / and has no query, got " + path);
            }
            this.path = path;
            return this;
        }

        /**
         * Verifies tokens; by default nobody is known. A {@link dev.alknet.auth.ConfigIdentityProvider} also checks
         * the client address against {@code from=}.
         */
        public Builder identities(IdentityProvider identities) {
            this.identities = Objects.requireNonNull(identities, "identities");
            return this;
        }

        /** Refuse upgrades without a token with 401 (default: they become anonymous sessions, like raw framing). */
        public Builder requireToken(boolean requireToken) {
            this.requireToken = requireToken;
            return this;
        }

        /**
         * Whether a {@code token} query parameter is read when there is no Authorization header (default true: it
         * is how browsers authenticate). Such URLs are only ever logged with the token redacted; proxies in front
         * must not log them either.
         */
        public Builder queryToken(boolean queryToken) {
            this.queryToken = queryToken;
            return this;
        }

        /** The message limit (default 16 MiB); a longer message closes the connection with 1009. */
        public Builder codec(FrameCodec codec) {
            this.codec = Objects.requireNonNull(codec, "codec");
            return this;
        }

        public Builder upgradeTimeout(Duration timeout) {
            this.upgradeTimeout = Durations.positive(timeout, "upgrade timeout");
            return this;
        }

        /** Where the fail2ban lines of token logins go; by default the {@value AuthLog#LOGGER_NAME} logger. */
        public Builder authLog(AuthLog authLog) {
            this.authLog = Objects.requireNonNull(authLog, "authLog");
            return this;
        }

        /**
         * Binds every listener.
         *
         * @throws IOException when a listener cannot bind (the others are released again)
         * @throws dev.alknet.transport.TlsFileException when a TLS listener's certificate or key cannot be used
         */
        public WebSocketServer start() throws IOException {
            if (listeners.isEmpty()) {
                throw new IllegalStateException("no listener: add one with listener(...)");
            }
            WebSocketServer server = new WebSocketServer(acceptor);
            ExecutorService admitting = server.core.admitting;
            AuthLog log = authLog == null ? new AuthLog() : authLog;
            try {
                for (ListenerConfig listener : listeners) {
                    UpgradeAuth auth = new UpgradeAuth(path != null ? path : listener.websocketPath(), requireToken,
                            queryToken, identities, log, admitting);
                    server.core.bind(listener, new WebSocketConnections(ListenerFrontEnd.create(listener),
                            upgradeTimeout, auth, codec, admitting, server::start));
                }
            } catch (IOException | RuntimeException e) {
                server.close();
                throw e;
            }
            return server;
        }
    }
}
