package dev.alknet.transport.internal.server;

import dev.alknet.auth.AuthAttemptCounter;
import dev.alknet.auth.ConnectionLimiter;
import dev.alknet.auth.LoginResult;
import dev.alknet.core.Identity;
import dev.alknet.core.TransportInfo;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Arrays;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;

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
    private byte[] candidateKey;
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
        candidateKey = wireForm(key);
    }

    boolean isCandidate(PublicKey key) {
        return candidate != null && Arrays.equals(candidateKey, wireForm(key));
    }

    /** MINA's certificate objects have no {@code equals}; their encodings do compare. */
    private static byte[] wireForm(PublicKey key) {
        ByteArrayBuffer buffer = new ByteArrayBuffer();
        buffer.putRawPublicKey(key);
        return buffer.getCompactData();
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
