package dev.alknet.auth;

import dev.alknet.auth.internal.CidrBlock;
import dev.alknet.auth.internal.LogValues;
import java.net.InetAddress;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.sshd.common.config.keys.OpenSshCertificate;

/**
 * Decides whether a presented SSH public key or OpenSSH user certificate may log in, following OpenSSH's
 * authorized_keys semantics (OpenSSH ≥ 10.3 for certificate principals). It only checks the credential; proving
 * possession of the private key is the SSH layer's job. Thread-safe; the authorized keys are passed per call so a
 * reloaded configuration applies to the next attempt.
 *
 * <p>A plain key is accepted by the first of its (non-CA) lines whose {@code expiry-time} and {@code from=} allow
 * it. A certificate must be a user certificate signed by a key on a {@code cert-authority} line, with a verifying
 * signature, inside its validity window (give or take the clock skew), with the user name among its principals,
 * with only critical options alknet understands ({@code source-address}, which is enforced, {@code force-command}
 * and {@code no-pty}), and then pass that CA line's own options, whose {@code principals=} list must also name the
 * user. That last rule is stricter than OpenSSH, which lets {@code principals=} replace the user-name check: alknet
 * user names are not accounts, so one name must satisfy both.
 */
public final class KeyAuthenticator {

    /** How far the certificate validity window is widened on each side for clocks that disagree. */
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(60);

    private final Clock clock;
    private final Duration clockSkew;

    public KeyAuthenticator() {
        this(Clock.systemUTC(), DEFAULT_CLOCK_SKEW);
    }

    public KeyAuthenticator(Clock clock, Duration certificateClockSkew) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.clockSkew = Objects.requireNonNull(certificateClockSkew, "certificateClockSkew");
        if (clockSkew.isNegative()) {
            throw new IllegalArgumentException("clock skew must not be negative");
        }
    }

    /**
     * Checks a key as MINA presents it: a plain key, or an {@code OpenSshCertificate} for certificate logins.
     *
     * @param clientIp the client's address, {@code null} when the transport has none (then {@code from=} and
     *     {@code source-address} never match)
     */
    public AuthResult authenticate(AuthorizedKeys keys, String user, PublicKey presented, InetAddress clientIp) {
        if (presented instanceof OpenSshCertificate) {
            SshCertificate certificate;
            try {
                certificate = SshCertificate.of(presented);
            } catch (KeyFormatException e) {
                return reject(AuthFailure.CERT_INVALID, e.getMessage());
            }
            return authenticate(keys, user, certificate, clientIp);
        }
        OpenSshPublicKey key;
        try {
            key = OpenSshPublicKey.of(presented);
        } catch (KeyFormatException e) {
            return reject(AuthFailure.KEY_REJECTED, e.getMessage());
        }
        return authenticate(keys, user, key, clientIp);
    }

    /** Checks a plain public key; the user name plays no part for plain keys. */
    public AuthResult authenticate(AuthorizedKeys keys, String user, OpenSshPublicKey key, InetAddress clientIp) {
        List<AuthorizedKey> lines = keys.entriesFor(key);
        if (lines.isEmpty()) {
            String detail = keys.authoritiesFor(key).isEmpty()
                    ? "key " + key.fingerprint() + " is not in authorized_keys"
                    : "key " + key.fingerprint() + " is trusted only as a certificate authority";
            return reject(AuthFailure.KEY_REJECTED, detail);
        }
        Instant now = clock.instant();
        AuthResult.Rejected first = null;
        for (AuthorizedKey line : lines) {
            AuthResult.Rejected problem = checkLine(line, clientIp, now);
            if (problem == null) {
                return new AuthResult.Accepted(key.fingerprint(), line, line.options().portForwarding(),
                        line.options().command(), Optional.empty());
            }
            first = first == null ? problem : first;
        }
        return first;
    }

    /** Checks a user certificate against the {@code cert-authority} lines. */
    public AuthResult authenticate(AuthorizedKeys keys, String user, SshCertificate certificate, InetAddress clientIp) {
        Objects.requireNonNull(user, "user");
        if (!certificate.isUserCertificate()) {
            return reject(AuthFailure.CERT_INVALID, "a host certificate cannot authenticate a user");
        }
        List<AuthorizedKey> authorities = keys.authoritiesFor(certificate.signatureKey());
        if (authorities.isEmpty()) {
            return reject(AuthFailure.KEY_REJECTED,
                    "certificate signed by untrusted CA " + certificate.signatureKey().fingerprint());
        }
        if (!certificate.hasValidSignature()) {
            return reject(AuthFailure.CERT_BAD_SIGNATURE, "CA signature (" + LogValues.printable(
                    certificate.signatureAlgorithm()) + ") does not verify or does not suit the CA key");
        }
        Instant now = clock.instant();
        if (certificate.isNotYetValid(now, clockSkew)) {
            return reject(AuthFailure.CERT_NOT_YET_VALID, "certificate valid from " + certificate.validAfter());
        }
        if (certificate.isExpired(now, clockSkew)) {
            return reject(AuthFailure.CERT_EXPIRED, "certificate expired at " + certificate.validBefore());
        }
        if (certificate.principals().isEmpty()) {
            return reject(AuthFailure.PRINCIPAL_MISMATCH, "certificate has no principals");
        }
        if (!certificate.principals().contains(user)) {
            return reject(AuthFailure.PRINCIPAL_MISMATCH, "user is not among the certificate principals");
        }
        AuthResult.Rejected optionProblem = checkCriticalOptions(certificate, clientIp);
        if (optionProblem != null) {
            return optionProblem;
        }
        AuthResult.Rejected first = null;
        for (AuthorizedKey authority : authorities) {
            AuthResult.Rejected problem = checkLine(authority, clientIp, now);
            Optional<Set<String>> allowed = authority.options().principals();
            if (problem == null && allowed.isPresent() && !allowed.get().contains(user)) {
                problem = reject(AuthFailure.PRINCIPAL_MISMATCH,
                        "user is not in principals= of authorized_keys line " + authority.lineNumber());
            }
            if (problem == null) {
                boolean forwarding = authority.options().portForwarding()
                        && certificate.extensions().contains("permit-port-forwarding");
                Optional<String> command = Optional.ofNullable(certificate.criticalOptions().get("force-command"))
                        .or(() -> authority.options().command());
                return new AuthResult.Accepted(certificate.key().fingerprint(), authority, forwarding, command,
                        Optional.of(certificate));
            }
            first = first == null ? problem : first;
        }
        return first;
    }

    private static AuthResult.Rejected checkLine(AuthorizedKey line, InetAddress clientIp, Instant now) {
        if (line.options().isExpired(now)) {
            return reject(AuthFailure.KEY_EXPIRED,
                    "authorized_keys line " + line.lineNumber() + " expired at " + line.options().expiryTime().get());
        }
        if (!line.options().allowsAddress(clientIp)) {
            return reject(AuthFailure.FROM_MISMATCH,
                    "client address not allowed by from= of authorized_keys line " + line.lineNumber());
        }
        return null;
    }

    private static AuthResult.Rejected checkCriticalOptions(SshCertificate certificate, InetAddress clientIp) {
        for (Map.Entry<String, String> option : certificate.criticalOptions().entrySet()) {
            switch (option.getKey()) {
                case "force-command", "no-pty" -> {
                    // Accepted: alknet runs no commands and allocates no terminals, so both already hold.
                }
                case "source-address" -> {
                    List<CidrBlock> blocks;
                    try {
                        blocks = CidrBlock.parseList(option.getValue());
                    } catch (IllegalArgumentException e) {
                        return reject(AuthFailure.CERT_INVALID, "bad source-address: " + e.getMessage());
                    }
                    if (clientIp == null || blocks.stream().noneMatch(block -> block.contains(clientIp))) {
                        return reject(AuthFailure.SOURCE_ADDRESS_MISMATCH,
                                "client address outside the certificate's source-address");
                    }
                }
                default -> {
                    return reject(AuthFailure.UNKNOWN_CRITICAL_OPTION,
                            "unknown critical option '" + LogValues.printable(option.getKey()) + "'");
                }
            }
        }
        return null;
    }

    private static AuthResult.Rejected reject(AuthFailure reason, String detail) {
        return new AuthResult.Rejected(reason, detail);
    }
}
