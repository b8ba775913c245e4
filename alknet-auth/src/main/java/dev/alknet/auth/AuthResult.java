package dev.alknet.auth;

import java.util.Objects;
import java.util.Optional;

/** The outcome of checking an SSH public key or certificate against authorized_keys. */
public sealed interface AuthResult {

    default boolean isAccepted() {
        return this instanceof Accepted;
    }

    /**
     * The key may log in.
     *
     * @param fingerprint the OpenSSH fingerprint of the user's key (for a certificate: of the certified key, as
     *     OpenSSH logs it); the identity id for config-based auth
     * @param entry the authorized_keys line that allowed it (for a certificate: the CA line)
     * @param portForwarding whether the line (and certificate) permit port forwarding
     * @param forceCommand a forced command from the line or the certificate's {@code force-command}
     * @param certificate the certificate, when one was presented
     */
    record Accepted(String fingerprint, AuthorizedKey entry, boolean portForwarding, Optional<String> forceCommand,
            Optional<SshCertificate> certificate) implements AuthResult {

        public Accepted {
            Objects.requireNonNull(fingerprint, "fingerprint");
            Objects.requireNonNull(entry, "entry");
            Objects.requireNonNull(forceCommand, "forceCommand");
            Objects.requireNonNull(certificate, "certificate");
        }
    }

    /**
     * The key may not log in.
     *
     * @param reason the kind of failure, for log lines and tests
     * @param detail a human-readable explanation for debug logs; it may quote certificate contents, so it does not
     *     belong in fail2ban-facing lines
     */
    record Rejected(AuthFailure reason, String detail) implements AuthResult {

        public Rejected {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
