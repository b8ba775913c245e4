package dev.alknet.callproto.net;

import dev.alknet.callproto.internal.Durations;
import dev.alknet.auth.AuthLog;
import dev.alknet.callproto.CallSession;
import dev.alknet.callproto.net.internal.MessageStream;
import dev.alknet.callproto.net.internal.UpgradeAuth;
import dev.alknet.core.Identity;
import dev.alknet.core.config.ListenerConfig;
import dev.alknet.core.config.OriginPolicy;
import dev.alknet.transport.ListenerFrontEnd;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
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
 * {@link Builder#requireToken} refuses it (401). A web page (an upgrade with an {@code Origin} header) is refused
 * with 403 unless its origin is allowed ({@link Builder#origins}; cross-site WebSocket hijacking). Only the
 * listener's transport, address, TLS files, path and origins are used: its interface kind is not.
 */
public final class WebSocketServer extends ProtocolServer {

    public static final String DEFAULT_PATH = ListenerConfig.DEFAULT_WEBSOCKET_PATH;
    /** How long a new connection may take to complete TLS and the upgrade, unless set otherwise. */
    public static final Duration DEFAULT_UPGRADE_TIMEOUT = Duration.ofSeconds(10);

    private final SessionAcceptor acceptor;
    private WebSocketServer(SessionAcceptor acceptor) {
        super("ws");
        this.acceptor = acceptor;
    }

    public static Builder builder(SessionAcceptor acceptor) {
        return new Builder(acceptor);
    }

    private void start(MessageStream stream, Identity peer) {
        CallSession session = core.start(acceptor, stream, peer, stream::refused);
        if (session != null) {
            stream.bind(session);
        }
    }

    /** Collects the server's settings; {@link #start()} binds. Not thread-safe. */
    public static final class Builder extends ServerBuilder<Builder> {

        /** Null: each listener's own {@link ListenerConfig#websocketPath()}. */
        private String path;
        /** Null: each listener's own {@link ListenerConfig#origins()}. */
        private OriginPolicy origins;
        private boolean requireToken;
        private boolean queryToken = true;
        private Duration upgradeTimeout = DEFAULT_UPGRADE_TIMEOUT;

        private Builder(SessionAcceptor acceptor) {
            super(acceptor);
        }

        /** TCP or TLS listeners, not stealth ones: those demultiplex SSH. */
        @Override
        void check(ListenerConfig listener) {
            if (listener.stealth()) {
                throw new IllegalArgumentException("a stealth listener serves SSH, not WebSocket: "
                        + listener.listen());
            }
        }

        @Override
        Builder self() {
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
         * The web pages that may open sessions on every listener, by the upgrade's {@code Origin} header; other
         * pages get 403, clients that send no {@code Origin} are not affected. By default each listener's
         * {@code allowed_origins} (no page unless configured).
         */
        public Builder origins(OriginPolicy origins) {
            this.origins = Objects.requireNonNull(origins, "origins");
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

        public Builder upgradeTimeout(Duration timeout) {
            this.upgradeTimeout = Durations.positive(timeout, "upgrade timeout");
            return this;
        }

        /**
         * Binds every listener.
         *
         * @throws IOException when a listener cannot bind (the others are released again)
         * @throws dev.alknet.transport.TlsFileException when a TLS listener's certificate or key cannot be used
         */
        public WebSocketServer start() throws IOException {
            requireListeners();
            WebSocketServer server = new WebSocketServer(acceptor);
            ExecutorService admitting = server.core.admitting;
            AuthLog log = authLogOrDefault();
            try {
                for (ListenerConfig listener : listeners) {
                    UpgradeAuth auth = new UpgradeAuth(path != null ? path : listener.websocketPath(), requireToken,
                            queryToken, origins != null ? origins : listener.origins(), identities, log, admitting);
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
