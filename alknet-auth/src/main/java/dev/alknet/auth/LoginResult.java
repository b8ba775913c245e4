package dev.alknet.auth;

import dev.alknet.core.Identity;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of authenticating a key, certificate or token with a {@link LoginAuthority} or
 * {@link ConfigIdentityProvider}.
 */
public sealed interface LoginResult {

    /** The identity when accepted, empty when rejected. */
    default Optional<Identity> acceptedIdentity() {
        return this instanceof Accepted accepted ? Optional.of(accepted.identity()) : Optional.empty();
    }

    /**
     * The credential may log in.
     *
     * @param identity who it is, with the scopes and resources of the config entry that admitted it
     * @param check what {@link KeyAuthenticator} decided: the admitting line, forwarding, forced command
     */
    record Accepted(Identity identity, AuthResult.Accepted check) implements LoginResult {

        public Accepted {
            Objects.requireNonNull(identity, "identity");
            Objects.requireNonNull(check, "check");
        }

        /** The authorized_keys line that admitted the login (for a certificate: the CA line). */
        public AuthorizedKey entry() {
            return check.entry();
        }

        /** Whether the line (and the certificate) allow port forwarding. */
        public boolean portForwarding() {
            return check.portForwarding();
        }

        /** A forced command from the line or the certificate's {@code force-command}. */
        public Optional<String> forceCommand() {
            return check.forceCommand();
        }

        /** The certificate, when one was presented. */
        public Optional<SshCertificate> certificate() {
            return check.certificate();
        }

        /** The line's {@code permitopen=} destinations; empty means no such restriction. */
        public List<String> permitOpen() {
            return check.entry().options().permitOpen();
        }
    }

    /**
     * The credential may not log in.
     *
     * @param reason for {@link AuthLog#authRejected} and metrics
     * @param detail for debug logs only: it may quote certificate contents, never key material or tokens
     */
    record Rejected(AuthFailure reason, String detail) implements LoginResult {

        public Rejected {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
