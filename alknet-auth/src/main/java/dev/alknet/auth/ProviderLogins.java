package dev.alknet.auth;

import dev.alknet.core.CertificateAuthorities;
import dev.alknet.core.Identity;
import dev.alknet.core.IdentityProvider;
import java.net.InetAddress;
import java.security.PublicKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.sshd.common.config.keys.OpenSshCertificate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link LoginAuthority} over any {@link IdentityProvider} and the {@link CertificateAuthorities} that go with
 * it, such as the storage identity tables ({@code StorageIdentityProvider} is both). Every check is
 * {@link KeyAuthenticator}'s, exactly as for config-based auth: a resolved key is checked as an authorized_keys
 * line without options, each trusted CA as a {@code cert-authority} line.
 *
 * <p>A plain key logs in when the provider resolves its fingerprint, with that identity. A certificate logs in when
 * it passes every certificate check against the trusted CAs (signature, validity window, principals, critical
 * options, {@code source-address}), with the identity {@link CertificateAuthorities#resolveFromCertificateAuthority}
 * gives for the CA that signed it. Both may forward ports (as an authorized_keys line without options), subject to
 * the forwarding policy. A CA key never logs in by itself. Thread-safe; changes to the provider's keys apply to the
 * next attempt.
 */
public final class ProviderLogins implements LoginAuthority {

    /** The CA lines last seen and their parsed form, so that unchanged CAs are parsed once. */
    private record Authorities(List<String> lines, AuthorizedKeys keys) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(ProviderLogins.class);

    private final IdentityProvider identities;
    private final CertificateAuthorities authorities;
    private final KeyAuthenticator authenticator;
    private final Clock clock;
    private volatile Authorities parsed = new Authorities(List.of(), AuthorizedKeys.empty());

    public ProviderLogins(IdentityProvider identities, CertificateAuthorities authorities) {
        this(identities, authorities, Clock.systemUTC());
    }

    /** @param clock the time certificates' validity windows are checked against */
    public ProviderLogins(IdentityProvider identities, CertificateAuthorities authorities, Clock clock) {
        this.identities = Objects.requireNonNull(identities, "identities");
        this.authorities = Objects.requireNonNull(authorities, "authorities");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.authenticator = new KeyAuthenticator(clock, KeyAuthenticator.DEFAULT_CLOCK_SKEW);
    }

    @Override
    public LoginResult authenticate(String user, PublicKey presented, InetAddress clientIp) {
        Objects.requireNonNull(presented, "presented");
        OpenSshPublicKey plain = presented instanceof OpenSshCertificate ? null : plainKey(presented);
        Optional<Identity> keyIdentity = plain == null ? Optional.empty()
                : identities.resolveFromFingerprint(plain.fingerprint());
        AuthResult result;
        if (keyIdentity.isPresent()) {
            // A stored key is its own line; the CA lines could not admit a plain key anyway.
            AuthorizedKeys line = AuthorizedKeys.of(List.of(new AuthorizedKey(1, plain, KeyOptions.none())));
            result = authenticator.authenticate(line, user, plain, clientIp);
        } else {
            // The CA lines decide certificates, and tell an unknown key from a CA key presented as one.
            result = authenticator.authenticate(authorityLines(), user, presented, clientIp);
        }
        if (result instanceof AuthResult.Rejected rejected) {
            return new LoginResult.Rejected(rejected.reason(), rejected.detail());
        }
        AuthResult.Accepted ok = (AuthResult.Accepted) result;
        String authority = ok.entry().key().fingerprint();
        Optional<Identity> identity = ok.certificate().isEmpty() ? keyIdentity
                : authorities.resolveFromCertificateAuthority(authority, ok.fingerprint());
        return identity.<LoginResult>map(id -> new LoginResult.Accepted(id, ok))
                .orElseGet(() -> new LoginResult.Rejected(AuthFailure.KEY_REJECTED,
                        "certificate authority " + authority + " stopped being trusted during the login"));
    }

    /**
     * The trusted CAs as {@code cert-authority} lines, parsed again only when the list changed; a line that does not
     * parse (or holds a line break, which could smuggle in a second line) is left out with a warning.
     */
    private AuthorizedKeys authorityLines() {
        List<String> lines = authorities.trustedAuthorityKeys();
        Authorities last = parsed;
        if (last.lines() == lines || last.lines().equals(lines)) {
            return last.keys();
        }
        List<AuthorizedKey> entries = new ArrayList<>();
        for (String line : lines) {
            try {
                if (line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
                    throw new IllegalArgumentException("a CA key line holds a line break");
                }
                AuthorizedKey entry = AuthorizedKeys.parseLine(line, entries.size() + 1, clock.getZone(), true);
                if (entry != null) {
                    entries.add(entry);
                }
            } catch (IllegalArgumentException e) {
                LOG.warn("a trusted certificate authority is left out: {}", e.getMessage());
            }
        }
        AuthorizedKeys keys = AuthorizedKeys.of(entries);
        parsed = new Authorities(List.copyOf(lines), keys);
        return keys;
    }

    /** {@code null} for a key alknet does not accept; {@link KeyAuthenticator} then says why. */
    private static OpenSshPublicKey plainKey(PublicKey presented) {
        try {
            return OpenSshPublicKey.of(presented);
        } catch (KeyFormatException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return "ProviderLogins[" + identities + "]";
    }
}
