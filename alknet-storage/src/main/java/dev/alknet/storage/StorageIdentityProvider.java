package dev.alknet.storage;

import dev.alknet.core.AuthToken;
import dev.alknet.core.Identity;
import dev.alknet.core.IdentityProvider;
import dev.alknet.storage.internal.IdentityResolver;
import dev.alknet.storage.internal.TokenSignatures;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@link IdentityProvider} of storage-based auth: SSH key fingerprint, signed-timestamp token or API key →
 * account → organisation memberships → identity with the account's grant plus the grant of every organisation it
 * belongs to.
 *
 * <p>Nobody is resolved for an unknown, disabled, revoked or expired credential, a certificate authority key, or
 * an account that is not {@link AccountStatus#ACTIVE}. Results are cached (Caffeine) and the cache is cleared by
 * every change made through {@link StorageService#identities()}; changes made by another process sharing the
 * database are seen after at most the cache TTL. Expiry is checked on every call. Thread-safe.
 */
public final class StorageIdentityProvider implements IdentityProvider {

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

    private Optional<IdentityResolver.Resolved> usable(Optional<IdentityResolver.Resolved> resolved) {
        Instant now = clock.instant();
        return resolved.filter(r -> r.usableAt(now));
    }

    private Identity keyIdentity(IdentityResolver.Resolved r) {
        Identity byAccount = r.identity();
        return ids == IdentityIds.ACCOUNT ? byAccount
                : new Identity(r.fingerprint(), byAccount.scopes(), byAccount.resources());
    }

    @Override
    public String toString() {
        return "StorageIdentityProvider[ids=" + ids + ", tokenWindow=" + tokenWindow + "]";
    }
}
