package dev.alknet.callproto.net;

import dev.alknet.callproto.internal.Durations;
import dev.alknet.auth.AuthLog;
import dev.alknet.callproto.CallSession;
import dev.alknet.callproto.net.internal.Admission;
import dev.alknet.core.IdentityProvider;
import dev.alknet.core.config.InterfaceKind;
import dev.alknet.core.config.ListenerConfig;
import dev.alknet.core.frame.FrameCodec;
import dev.alknet.core.transport.DuplexStream;
import dev.alknet.transport.ListenerFrontEnd;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the call protocol with raw framing (the whole connection is one session, alknet-spec §2.3) on
 * {@code interface = "raw"} listeners, over TCP or TLS.
 *
 * <pre>{@code
 * try (CallServer server = CallServer.builder(SessionAcceptor.serving(registry))
 *         .listener(ListenerConfig.builder().interfaceKind(InterfaceKind.RAW).listen(hostPort).build())
 *         .identities(new ConfigIdentityProvider(configHandle))
 *         .start()) { ... }
 * }</pre>
 *
 * <p>The first frame authenticates (docs/call-protocol.md, "Raw framing"): {@code auth.token} with a signed-timestamp
 * token makes the session run as the token's identity; anything else leaves it anonymous, so only operations
 * without access restrictions can be called. A rejected token or undecodable bytes close that connection only.
 * A connection whose first frame has not arrived within {@link Builder#firstFrameTimeout} is closed.
 *
 * <p>Netty accepts and runs TLS (the same {@link ListenerFrontEnd} as the SSH listeners); each connection is a
 * {@link dev.alknet.transport.Tunnel} read and written by its session's own threads, so nothing blocks an event loop.
 */
public final class CallServer implements AutoCloseable {

    /** How long a new connection may take to complete TLS and send its first frame, unless set otherwise. */
    public static final Duration DEFAULT_FIRST_FRAME_TIMEOUT = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(CallServer.class);

    private final SessionAcceptor acceptor;
    private final ServerCore core = new ServerCore("raw");

    private CallServer(SessionAcceptor acceptor) {
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

    private void start(Admission.Admitted admitted) {
        DuplexStream stream = admitted.stream();
        core.start(acceptor, stream, admitted.peer(), () -> {
            try {
                stream.close();
            } catch (IOException e) {
                LOG.debug("closing a refused raw framing connection failed: {}", e.toString());
            }
        });
    }

    /** Collects the server's settings; {@link #start()} binds. Not thread-safe. */
    public static final class Builder {

        private final SessionAcceptor acceptor;
        private final List<ListenerConfig> listeners = new ArrayList<>();
        private IdentityProvider identities = IdentityProvider.none();
        private FrameCodec codec = FrameCodec.defaults();
        private Duration firstFrameTimeout = DEFAULT_FIRST_FRAME_TIMEOUT;
        private AuthLog authLog;

        private Builder(SessionAcceptor acceptor) {
            this.acceptor = Objects.requireNonNull(acceptor, "acceptor");
        }

        /** Adds a raw framing listener; at least one is required. */
        public Builder listener(ListenerConfig listener) {
            if (listener.interfaceKind() != InterfaceKind.RAW) {
                throw new IllegalArgumentException("CallServer serves interface = \"raw\" listeners; "
                        + listener.listen() + " is " + listener.interfaceKind() + " (AlknetServer serves ssh)");
            }
            listeners.add(listener);
            return this;
        }

        /**
         * Verifies tokens; by default nobody is known and every session is anonymous. A
         * {@link dev.alknet.auth.ConfigIdentityProvider} also checks the client address against {@code from=}.
         */
        public Builder identities(IdentityProvider identities) {
            this.identities = Objects.requireNonNull(identities, "identities");
            return this;
        }

        /** The frame limit (default 16 MiB), for the first frame as for the sessions' frames. */
        public Builder codec(FrameCodec codec) {
            this.codec = Objects.requireNonNull(codec, "codec");
            return this;
        }

        public Builder firstFrameTimeout(Duration timeout) {
            this.firstFrameTimeout = Durations.positive(timeout, "first frame timeout");
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
        public CallServer start() throws IOException {
            if (listeners.isEmpty()) {
                throw new IllegalStateException("no listener: add one with listener(...)");
            }
            CallServer server = new CallServer(acceptor);
            Admission admission = new Admission(identities, codec, authLog == null ? new AuthLog() : authLog);
            try {
                for (ListenerConfig listener : listeners) {
                    server.core.bind(listener, new RawConnections(ListenerFrontEnd.create(listener),
                            firstFrameTimeout, admission, server.core.admitting, server::start));
                }
            } catch (IOException | RuntimeException e) {
                server.close();
                throw e;
            }
            return server;
        }
    }
}
