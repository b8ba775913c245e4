package dev.alknet.transport.internal.server;

import dev.alknet.auth.AuthAttemptCounter;
import dev.alknet.auth.ConnectionLimiter;
import dev.alknet.auth.LoginResult;
import dev.alknet.core.Identity;
import dev.alknet.core.TransportInfo;
import java.security.PublicKey;
import java.time.Instant;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.session.Session;

/**
 * What the server keeps on each MINA session: how it arrived, its rate-limit bookkeeping and, once authenticated,
 * who it is. Created when the session is; touched from the session's event loop only.
 */
final class SessionState {

    static final AttributeKey<SessionState> KEY = new AttributeKey<>();

    final TransportInfo transport;
    final Instant openedAt;
    final AuthAttemptCounter attempts;
    ConnectionLimiter.Permit permit;
    /** The last credential the provider accepted; the one MINA then authenticates with if its signature holds. */
    private LoginResult.Accepted candidate;
    private PublicKey candidateKey;
    private LoginResult.Accepted login;

    SessionState(TransportInfo transport, Instant openedAt, int maxAuthAttempts) {
        this.transport = transport;
        this.openedAt = openedAt;
        this.attempts = new AuthAttemptCounter(maxAuthAttempts);
    }

    static SessionState of(Session session) {
        SessionState state = session.getAttribute(KEY);
        if (state == null) {
            throw new IllegalStateException("session " + session + " has no alknet state");
        }
        return state;
    }

    void attachTo(Session session) {
        session.setAttribute(KEY, this);
    }

    void candidate(LoginResult.Accepted accepted, PublicKey key) {
        candidate = accepted;
        candidateKey = key;
    }

    boolean isCandidate(PublicKey key) {
        return candidate != null && candidateKey.equals(key);
    }

    /** Called once MINA verified the signature: the candidate becomes the session's login. */
    LoginResult.Accepted authenticated() {
        login = candidate;
        return login;
    }

    /** The session's login, {@code null} before authentication. */
    LoginResult.Accepted login() {
        return login;
    }

    Identity identity() {
        return login == null ? Identity.anonymous() : login.identity();
    }
}
