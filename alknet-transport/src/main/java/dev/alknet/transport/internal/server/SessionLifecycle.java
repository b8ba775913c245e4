package dev.alknet.transport.internal.server;

import dev.alknet.auth.AuthLog;
import dev.alknet.auth.ConnectionLimiter;
import dev.alknet.core.TransportInfo;
import dev.alknet.core.TransportKind;
import dev.alknet.core.config.ConfigReloadHandle;
import dev.alknet.core.config.RateLimits;
import dev.alknet.transport.internal.sshd.NettyIoSession;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;

/**
 * Opens and closes the server's books on each SSH connection: the per-IP limit and the auth attempt limit as the
 * dynamic config has them when the connection arrives, the {@code connection opened/rejected/closed} lines, and
 * the {@code auth attempt ... result=accept} line once MINA authenticated the session.
 */
final class SessionLifecycle implements SessionListener {

    private final ConfigReloadHandle config;
    private final ConnectionLimiter limiter;
    private final AuthLog authLog;
    private final PublicKeyGate gate;
    private final Clock clock;

    SessionLifecycle(ConfigReloadHandle config, ConnectionLimiter limiter, AuthLog authLog, PublicKeyGate gate,
            Clock clock) {
        this.config = config;
        this.limiter = limiter;
        this.authLog = authLog;
        this.gate = gate;
        this.clock = clock;
    }

    @Override
    public void sessionCreated(Session session) {
        RateLimits limits = config.current().rateLimits();
        TransportInfo transport = NettyIoSession.transportInfoOf(session.getIoSession())
                .orElseGet(() -> TransportInfo.of(session.getRemoteAddress(), TransportKind.TCP));
        SessionState state = new SessionState(transport, clock.instant(), limits.maxAuthAttempts());
        state.attachTo(session);
        InetSocketAddress remote = transport.remoteAddress() instanceof InetSocketAddress inet ? inet : null;
        Optional<ConnectionLimiter.Permit> permit =
                limiter.tryAcquire(remote == null ? null : remote.getAddress(), limits.maxConnectionsPerIp());
        if (permit.isEmpty()) {
            authLog.connectionRejected(transport);
            session.close(true);
            return;
        }
        state.permit = permit.get();
        authLog.connectionOpened(transport);
    }

    @Override
    public void sessionEvent(Session session, Event event) {
        if (event == Event.Authenticated) {
            gate.authenticated(session, session.getUsername());
        }
    }

    @Override
    public void sessionClosed(Session session) {
        SessionState state = session.getAttribute(SessionState.KEY);
        if (state != null && state.permit != null) {
            state.permit.close();
            authLog.connectionClosed(state.transport, Duration.between(state.openedAt, clock.instant()));
        }
    }
}
