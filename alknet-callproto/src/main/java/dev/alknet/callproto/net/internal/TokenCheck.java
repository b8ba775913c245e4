package dev.alknet.callproto.net.internal;

import dev.alknet.auth.AuthFailure;
import dev.alknet.auth.ConfigIdentityProvider;
import dev.alknet.auth.LoginResult;
import dev.alknet.core.AuthToken;
import dev.alknet.core.Identity;
import dev.alknet.core.IdentityProvider;
import dev.alknet.core.TransportInfo;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Verifies a token with an {@link IdentityProvider}; with the config provider, against the client's address too
 * ({@code from=}) and with the precise reason for the auth log.
 */
final class TokenCheck {

    /** Exactly one of the two is set. */
    record Verdict(Identity identity, AuthFailure failure) {
    }

    private final IdentityProvider identities;

    TokenCheck(IdentityProvider identities) {
        this.identities = identities;
    }

    Verdict check(AuthToken token, TransportInfo transport) {
        if (identities instanceof ConfigIdentityProvider config) {
            LoginResult result = config.authenticateToken(token, clientIp(transport));
            return result instanceof LoginResult.Rejected rejected ? new Verdict(null, rejected.reason())
                    : new Verdict(result.acceptedIdentity().orElseThrow(), null);
        }
        return identities.resolveFromToken(token).map(identity -> new Verdict(identity, null))
                .orElseGet(() -> new Verdict(null, AuthFailure.TOKEN_REJECTED));
    }

    private static InetAddress clientIp(TransportInfo transport) {
        return transport.remoteAddress() instanceof InetSocketAddress inet ? inet.getAddress() : null;
    }
}
