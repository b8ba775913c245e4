package dev.alknet.auth;

import java.util.Locale;

/**
 * Why an authentication attempt was rejected. {@link #word()} is the single lower-case token used in log lines
 * ({@code reason=<word>}) and metrics.
 */
public enum AuthFailure {
    /** The key is not listed (or only as a CA), is of a rejected type, or the certificate's CA is not trusted. */
    KEY_REJECTED,
    /** The authorized_keys line (or the CA line) has an {@code expiry-time} in the past. */
    KEY_EXPIRED,
    /** The client address does not match the line's {@code from=} patterns. */
    FROM_MISMATCH,
    /** A malformed or unusable certificate: not a user certificate, or a signature algorithm unfit for the CA. */
    CERT_INVALID,
    /** The CA signature over the certificate does not verify. */
    CERT_BAD_SIGNATURE,
    /** The certificate's {@code valid_before} has passed. */
    CERT_EXPIRED,
    /** The certificate's {@code valid_after} is still ahead. */
    CERT_NOT_YET_VALID,
    /** The certificate has no principals, or none that allows this user name. */
    PRINCIPAL_MISMATCH,
    /** The client address is outside the certificate's {@code source-address} critical option. */
    SOURCE_ADDRESS_MISMATCH,
    /** The certificate carries a critical option alknet does not understand, so it must not be accepted. */
    UNKNOWN_CRITICAL_OPTION,
    /** The connection used up its authentication attempts. */
    TOO_MANY_ATTEMPTS,
    /** A signed-timestamp token did not verify (see {@link TokenFailure} for the detail). */
    TOKEN_REJECTED;

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
