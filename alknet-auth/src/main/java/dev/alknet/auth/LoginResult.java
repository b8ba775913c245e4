package dev.alknet.auth;

import dev.alknet.core.Identity;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The outcome of authenticating a key, certificate or token with {@link ConfigIdentityProvider}. */
public sealed interface LoginResult {

    /** The identity when accepted, empty when rejected. */
    default Optional<Identity> acceptedIdentity() {
        return this instanceof Accepted accepted ? Optional.of(accepted.identity()) : Optional.empty();
    }

    /**
     * The credential may log in.
     *
     * @param identity who it is, with the scopes and resources of the config entry that admitted it
     * @param entry the authorized_keys line that admitted it (for a certificate: the CA line)
     * @param portForwarding whether the line (and the certificate) allow port forwarding
     * @param forceCommand a forced command from the line or the certificate's {@code force-command}
     * @param certificate the certificate, when one was presented
     */
    record Accepted(Identity identity, AuthorizedKey entry, boolean portForwarding, Optional<String> forceCommand,
            Optional<SshCertificate> certificate) implements LoginResult {

        public Accepted {
            Objects.requireNonNull(identity, "identity");
            Objects.requireNonNull(entry, "entry");
            Objects.requireNonNull(forceCommand, "forceCommand");
            Objects.requireNonNull(certificate, "certificate");
        }

        /** The line's {@code permitopen=} destinations; empty means no such restriction. */
        public List<String> permitOpen() {
            return entry.options().permitOpen();
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
