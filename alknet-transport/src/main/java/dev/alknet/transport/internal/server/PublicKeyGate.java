package dev.alknet.transport.internal.server;

import dev.alknet.auth.AuthFailure;
import dev.alknet.auth.AuthLog;
import dev.alknet.auth.LoginAuthority;
import dev.alknet.auth.LoginResult;
import dev.alknet.auth.OpenSshPublicKey;
import dev.alknet.auth.SshCertificate;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.PublicKey;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.config.keys.OpenSshCertificate;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.server.auth.pubkey.PublickeyAuthenticator;
import org.apache.sshd.server.session.ServerSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides every public key attempt with the {@link LoginAuthority}, before MINA's own checks: MINA drops expired or
 * foreign certificates without asking an authenticator, which would leave them out of the fail2ban log. Each
 * attempt (a key offered, signed or not) counts against {@code max_auth_attempts}, as in OpenSSH.
 */
final class PublicKeyGate implements PublickeyAuthenticator {

    private static final Logger LOG = LoggerFactory.getLogger(PublicKeyGate.class);

    private final LoginAuthority logins;
    private final AuthLog authLog;

    PublicKeyGate(LoginAuthority logins, AuthLog authLog) {
        this.logins = logins;
        this.authLog = authLog;
    }

    /** Checks a presented key or certificate; false means MINA must refuse the attempt without looking further. */
    boolean admit(String user, PublicKey key, ServerSession session) {
        SessionState state = SessionState.of(session);
        String fingerprint = fingerprintOf(key);
        if (!state.attempts.mayAttempt()) {
            authLog.authRejected(state.transport, user, fingerprint, AuthFailure.TOO_MANY_ATTEMPTS);
            disconnect(session);
            return false;
        }
        LoginResult result = logins.authenticate(user, key, clientIp(state));
        if (result instanceof LoginResult.Accepted accepted) {
            state.candidate(accepted, key);
            return true;
        }
        LoginResult.Rejected rejected = (LoginResult.Rejected) result;
        LOG.debug("public key rejected: {}", rejected.detail());
        authLog.authRejected(state.transport, user, fingerprint, rejected.reason());
        if (state.attempts.recordFailure()) {
            disconnect(session);
        }
        return false;
    }

    /** MINA's callback, after {@link #admit} let the same key through. */
    @Override
    public boolean authenticate(String user, PublicKey key, ServerSession session) {
        return SessionState.of(session).isCandidate(key);
    }

    /** Logs the login MINA completed and makes it the session's identity. */
    void authenticated(Session session, String user) {
        SessionState state = SessionState.of(session);
        LoginResult.Accepted login = state.authenticated();
        authLog.authAccepted(state.transport, user, login.check().fingerprint());
    }

    private static void disconnect(ServerSession session) {
        try {
            session.disconnect(SshConstants.SSH2_DISCONNECT_NO_MORE_AUTH_METHODS_AVAILABLE,
                    "too many authentication failures");
        } catch (java.io.IOException e) {
            session.close(true);
        }
    }

    private static InetAddress clientIp(SessionState state) {
        return state.transport.remoteAddress() instanceof InetSocketAddress inet ? inet.getAddress() : null;
    }

    /** The fingerprint OpenSSH logs: of the certified key for a certificate; {@code null} for unusable keys. */
    private static String fingerprintOf(PublicKey key) {
        try {
            return key instanceof OpenSshCertificate ? SshCertificate.of(key).key().fingerprint()
                    : OpenSshPublicKey.of(key).fingerprint();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
