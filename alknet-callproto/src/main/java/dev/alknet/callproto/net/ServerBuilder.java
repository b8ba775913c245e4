package dev.alknet.callproto.net;

import dev.alknet.auth.AuthLog;
import dev.alknet.core.IdentityProvider;
import dev.alknet.core.config.ListenerConfig;
import dev.alknet.core.frame.FrameCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The settings every call-protocol server shares: its listeners, who verifies tokens, the frame limit and where
 * the auth log lines go. {@link CallServer.Builder} and {@link WebSocketServer.Builder} add their own. Not
 * thread-safe.
 *
 * @param <B> the concrete builder, returned by every setter
 */
public abstract sealed class ServerBuilder<B extends ServerBuilder<B>>
        permits CallServer.Builder, WebSocketServer.Builder {

    final SessionAcceptor acceptor;
    final List<ListenerConfig> listeners = new ArrayList<>();
    IdentityProvider identities = IdentityProvider.none();
    FrameCodec codec = FrameCodec.defaults();
    private AuthLog authLog;

    ServerBuilder(SessionAcceptor acceptor) {
        this.acceptor = Objects.requireNonNull(acceptor, "acceptor");
    }

    /**
     * Adds a listener; at least one is required.
     *
     * @throws IllegalArgumentException when this server cannot serve it (wrong interface, stealth)
     */
    public B listener(ListenerConfig listener) {
        check(Objects.requireNonNull(listener, "listener"));
        listeners.add(listener);
        return self();
    }

    /**
     * Verifies tokens; by default nobody is known and every session is anonymous. A
     * {@link dev.alknet.auth.ConfigIdentityProvider} also checks the client address against {@code from=}.
     */
    public B identities(IdentityProvider identities) {
        this.identities = Objects.requireNonNull(identities, "identities");
        return self();
    }

    /**
     * The frame limit (default 16 MiB), for the authentication as for the sessions' frames; over WebSocket a longer
     * message closes the connection with 1009.
     */
    public B codec(FrameCodec codec) {
        this.codec = Objects.requireNonNull(codec, "codec");
        return self();
    }

    /** Where the fail2ban lines of token logins go; by default the {@value AuthLog#LOGGER_NAME} logger. */
    public B authLog(AuthLog authLog) {
        this.authLog = Objects.requireNonNull(authLog, "authLog");
        return self();
    }

    AuthLog authLogOrDefault() {
        return authLog == null ? new AuthLog() : authLog;
    }

    void requireListeners() {
        if (listeners.isEmpty()) {
            throw new IllegalStateException("no listener: add one with listener(...)");
        }
    }

    /** @throws IllegalArgumentException naming the listener and why this server cannot serve it */
    abstract void check(ListenerConfig listener);

    abstract B self();
}
