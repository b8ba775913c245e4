package dev.alknet.callproto.net;

import dev.alknet.callproto.internal.Durations;
import dev.alknet.callproto.net.internal.Admission;
import dev.alknet.core.config.InterfaceKind;
import dev.alknet.core.config.ListenerConfig;
import dev.alknet.core.transport.DuplexStream;
import dev.alknet.transport.ListenerFrontEnd;
import java.io.IOException;
import java.time.Duration;
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
public final class CallServer extends ProtocolServer {

    /** How long a new connection may take to complete TLS and send its first frame, unless set otherwise. */
    public static final Duration DEFAULT_FIRST_FRAME_TIMEOUT = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(CallServer.class);

    private final SessionAcceptor acceptor;
    private CallServer(SessionAcceptor acceptor) {
        super("raw");
        this.acceptor = acceptor;
    }

    public static Builder builder(SessionAcceptor acceptor) {
        return new Builder(acceptor);
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
    public static final class Builder extends ServerBuilder<Builder> {

        private Duration firstFrameTimeout = DEFAULT_FIRST_FRAME_TIMEOUT;

        private Builder(SessionAcceptor acceptor) {
            super(acceptor);
        }

        /** Raw framing listeners only ({@code interface = "raw"}). */
        @Override
        void check(ListenerConfig listener) {
            if (listener.interfaceKind() != InterfaceKind.RAW) {
                throw new IllegalArgumentException("CallServer serves interface = \"raw\" listeners; "
                        + listener.listen() + " is " + listener.interfaceKind() + " (AlknetServer serves ssh)");
            }
        }

        @Override
        Builder self() {
            return this;
        }

        public Builder firstFrameTimeout(Duration timeout) {
            this.firstFrameTimeout = Durations.positive(timeout, "first frame timeout");
            return this;
        }

        /**
         * Binds every listener.
         *
         * @throws IOException when a listener cannot bind (the others are released again)
         * @throws dev.alknet.transport.TlsFileException when a TLS listener's certificate or key cannot be used
         */
        public CallServer start() throws IOException {
            requireListeners();
            CallServer server = new CallServer(acceptor);
            Admission admission = new Admission(identities, codec, authLogOrDefault());
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
