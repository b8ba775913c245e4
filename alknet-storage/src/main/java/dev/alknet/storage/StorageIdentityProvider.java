package dev.alknet.storage;

import dev.alknet.core.AuthToken;
import dev.alknet.core.CertificateAuthorities;
import dev.alknet.core.Identity;
import dev.alknet.core.IdentityProvider;
import dev.alknet.storage.internal.IdentityResolver;
import dev.alknet.storage.internal.TokenSignatures;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@link IdentityProvider} of storage-based auth: SSH key fingerprint, signed-timestamp token or API key →
 * account → organisation memberships → identity with the account's grant plus the grant of every organisation it
 * belongs to.
 *
 * <p>It is also the {@link CertificateAuthorities} of storage: the {@link CredentialType#CERT_AUTHORITY} keys
 * trusted to sign OpenSSH user certificates. A certificate signed by one logs in as the CA's owner, with the same
 * grant as the owner's own keys; with {@link IdentityIds#FINGERPRINT} the id is the certified key's fingerprint
 * instead, as config-based auth gives. (alknet-auth's {@code ProviderLogins} runs the certificate checks.)
 *
 * <p>Nobody is resolved for an unknown, disabled, revoked or expired credential, a certificate authority key
 * presented as a key, or an account that is not {@link AccountStatus#ACTIVE}; such a CA is not trusted either.
 * Results are cached (Caffeine) and the cache is cleared by every change made through
 * {@link StorageService#identities()}; changes made by another process sharing the database are seen after at most
 * the cache TTL. Expiry is checked on every call. Thread-safe.
 */
public final class StorageIdentityProvider implements IdentityProvider, CertificateAuthorities {

    private final IdentityResolver resolver;
    private final Clock clock;
    private final IdentityIds ids;
    private final Duration tokenWindow;

    StorageIdentityProvider(IdentityResolver resolver, Clock clock, IdentityIds ids, Duration tokenWindow) {
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ids = Objects.requireNonNull(ids, "ids");
        if (tokenWindow.isNegative()) {
            throw new IllegalArgumentException("token window must not be negative");
        }
        this.tokenWindow = tokenWindow;
    }

    @Override
    public Optional<Identity> resolveFromFingerprint(String fingerprint) {
        Objects.requireNonNull(fingerprint, "fingerprint");
        return usable(resolver.byFingerprint(fingerprint)).map(this::keyIdentity);
    }

    /** Verifies the token's Ed25519 signature and its timestamp window against the stored key it names. */
    @Override
    public Optional<Identity> resolveFromToken(AuthToken token) {
        Objects.requireNonNull(token, "token");
        Instant now = clock.instant();
        return usable(resolver.byTokenKeyId(HexFormat.of().formatHex(token.keyId())))
                .filter(r -> TokenSignatures.valid(token, r.rawEd25519(), now, tokenWindow))
                .map(this::keyIdentity);
    }

    /** Resolves an API key secret ({@code alk_...}); the identity id is always the account id. */
    public Optional<Identity> resolveFromApiKey(String secret) {
        Objects.requireNonNull(secret, "secret");
        Instant now = clock.instant();
        Optional<IdentityResolver.Resolved> resolved = resolver.byApiKey(secret).filter(r -> r.usableAt(now));
        resolved.ifPresent(r -> resolver.apiKeyUsed(r, now));
        return resolved.map(IdentityResolver.Resolved::identity);
    }

    /** The CA keys usable now, oldest first; an equal list until a CA changes or expires. */
    @Override
    public List<String> trustedAuthorityKeys() {
        Instant now = clock.instant();
        return resolver.authorities().stream().filter(a -> a.usableAt(now)).map(IdentityResolver.Authority::line)
                .toList();
    }

    @Override
    public Optional<Identity> resolveFromCertificateAuthority(String authorityFingerprint,
            String certifiedKeyFingerprint) {
        Objects.requireNonNull(authorityFingerprint, "authorityFingerprint");
        Objects.requireNonNull(certifiedKeyFingerprint, "certifiedKeyFingerprint");
        return usable(resolver.byAuthority(authorityFingerprint))
                .map(r -> identity(r.identity(), certifiedKeyFingerprint));
    }

    private Optional<IdentityResolver.Resolved> usable(Optional<IdentityResolver.Resolved> resolved) {
        Instant now = clock.instant();
        return resolved.filter(r -> r.usableAt(now));
    }

    private Identity keyIdentity(IdentityResolver.Resolved r) {
        return identity(r.identity(), r.fingerprint());
    }

    /** The account's identity, or with {@link IdentityIds#FINGERPRINT} the same grant under the key's fingerprint. */
    private Identity identity(Identity byAccount, String fingerprint) {
        return ids == IdentityIds.ACCOUNT ? byAccount
                : new Identity(fingerprint, byAccount.scopes(), byAccount.resources());
    }

    @Override
    public String toString() {
        return "StorageIdentityProvider[ids=" + ids + ", tokenWindow=" + tokenWindow + "]";
    }
}
