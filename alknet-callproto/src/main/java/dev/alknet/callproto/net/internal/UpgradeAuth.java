package dev.alknet.callproto.net.internal;

import dev.alknet.auth.AuthFailure;
import dev.alknet.auth.AuthLog;
import dev.alknet.core.AuthToken;
import dev.alknet.core.Identity;
import dev.alknet.core.IdentityProvider;
import dev.alknet.core.TransportInfo;
import dev.alknet.core.config.OriginPolicy;
import java.util.concurrent.Executor;

/**
 * A WebSocket server's authentication policy, shared by its connections: where upgrades are accepted, whether a
 * token is required, and how tokens are verified (on {@link #verifying()}, never on an event loop: a signature
 * check is too slow for one). Token logins write the fail2ban lines of {@link AuthLog} like raw framing.
 *
 * @param path the only request path that upgrades
 * @param requireToken refuse upgrades without a token (401) instead of starting anonymous sessions
 * @param queryToken accept the token from the {@code token} query parameter when there is no header
 * @param origins the web pages whose upgrades are taken (by their {@code Origin} header); others get 403
 */
public record UpgradeAuth(String path, boolean requireToken, boolean queryToken, OriginPolicy origins,
        IdentityProvider identities, AuthLog authLog, Executor verifying) {

    /** The auth log's user field: tokens carry no user name. */
    private static final String NO_USER = "-";

    /** Verifies {@code text}: the token's identity, or null (logged) when it does not verify. */
    Identity verify(String text, TransportInfo transport) {
        AuthToken token;
        try {
            token = AuthToken.parse(text);
        } catch (IllegalArgumentException e) {
            authLog.authRejected(transport, NO_USER, null, AuthFailure.TOKEN_REJECTED);
            return null;
        }
        TokenCheck.Verdict verdict;
        try {
            verdict = new TokenCheck(identities).check(token, transport);
        } finally {
            token.destroy();
        }
        if (verdict.identity() == null) {
            authLog.authRejected(transport, NO_USER, null, verdict.failure());
            return null;
        }
        authLog.authAccepted(transport, NO_USER, verdict.identity().id());
        return verdict.identity();
    }

    /** A header that is not a Bearer token counts as a rejected token. */
    void rejectedMalformed(TransportInfo transport) {
        authLog.authRejected(transport, NO_USER, null, AuthFailure.TOKEN_REJECTED);
    }
}
