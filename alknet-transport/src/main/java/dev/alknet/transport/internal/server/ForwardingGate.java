package dev.alknet.transport.internal.server;

import dev.alknet.auth.LoginResult;
import dev.alknet.core.Identity;
import dev.alknet.core.config.ConfigReloadHandle;
import dev.alknet.core.policy.ForwardingDecision;
import java.util.List;
import java.util.Locale;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.apache.sshd.server.forward.TcpForwardingFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a session may reach a destination ({@code direct-tcpip}) or listen on an address ({@code tcpip-forward}):
 * the key must allow forwarding ({@code no-port-forwarding}, {@code restrict}, the certificate's
 * {@code permit-port-forwarding}, {@code permitopen=}), then the forwarding policy in force decides. Denials log
 * the identity and the deciding rule, never the destination.
 */
final class ForwardingGate implements TcpForwardingFilter {

    private static final Logger LOG = LoggerFactory.getLogger(ForwardingGate.class);

    private final ConfigReloadHandle config;

    ForwardingGate(ConfigReloadHandle config) {
        this.config = config;
    }

    /** For a {@code direct-tcpip} open, reserved {@code alknet-*} destinations included. */
    boolean mayConnect(Session session, String host, int port) {
        LoginResult.Accepted login = SessionState.of(session).login();
        if (login != null && !permitOpenAllows(login.permitOpen(), host, port)) {
            LOG.info("forward denied by permitopen identity={}", idOf(session));
            return false;
        }
        return decide(session, host, port);
    }

    /** For a {@code tcpip-forward} request: the bind address and port are the target. */
    @Override
    public boolean canListen(SshdSocketAddress address, Session session) {
        return decide(session, address.getHostName(), address.getPort());
    }

    /** MINA's own forwarding channels are not used on this server ({@code direct-tcpip} has its own channel). */
    @Override
    public boolean canConnect(Type type, SshdSocketAddress address, Session session) {
        return false;
    }

    private boolean decide(Session session, String host, int port) {
        SessionState state = SessionState.of(session);
        LoginResult.Accepted login = state.login();
        if (login == null || !login.portForwarding()) {
            LOG.info("forward denied: the key does not permit port forwarding identity={}", idOf(session));
            return false;
        }
        Identity identity = state.identity();
        ForwardingDecision decision =
                config.current().forwarding().decide(host, port, identity, state.transport.kind());
        if (!decision.allowed()) {
            LOG.info("forward denied by policy identity={} rule={}", identity.id(),
                    decision.byDefault() ? "default" : Integer.toString(decision.ruleIndex()));
        }
        return decision.allowed();
    }

    private static String idOf(Session session) {
        return SessionState.of(session).identity().id();
    }

    /**
     * OpenSSH's {@code permitopen="host:port"}: literal host (IPv6 in brackets), no name lookup, {@code *} for any
     * port. An empty list means no restriction.
     */
    static boolean permitOpenAllows(List<String> permitted, String host, int port) {
        if (permitted.isEmpty()) {
            return true;
        }
        for (String entry : permitted) {
            int colon = entry.lastIndexOf(':');
            if (colon <= 0) {
                continue;
            }
            String allowedHost = entry.substring(0, colon);
            if (allowedHost.startsWith("[") && allowedHost.endsWith("]")) {
                allowedHost = allowedHost.substring(1, allowedHost.length() - 1);
            }
            String allowedPort = entry.substring(colon + 1);
            boolean portMatches = allowedPort.equals("*") || allowedPort.equals(Integer.toString(port));
            if (portMatches && allowedHost.toLowerCase(Locale.ROOT).equals(host.toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }
}
