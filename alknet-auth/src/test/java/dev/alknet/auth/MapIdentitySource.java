package dev.alknet.auth;

import dev.alknet.core.AuthToken;
import dev.alknet.core.CertificateAuthorities;
import dev.alknet.core.Identity;
import dev.alknet.core.IdentityProvider;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An identity source held in maps, for {@link ProviderLogins} tests: keys and CAs by fingerprint, each with the
 * identity it grants. Like config-based auth (and storage with fingerprint ids), a certificate's identity is the
 * certified key's fingerprint with the CA's grant.
 */
class MapIdentitySource implements IdentityProvider, CertificateAuthorities {

    final Map<String, Identity> keys = new LinkedHashMap<>();
    /** CA key line → the grant (its id is replaced by the certified key's fingerprint). */
    final Map<String, Identity> authorities = new LinkedHashMap<>();

    MapIdentitySource key(OpenSshPublicKey key, Identity grant) {
        keys.put(key.fingerprint(), new Identity(key.fingerprint(), grant.scopes(), grant.resources()));
        return this;
    }

    MapIdentitySource authority(String line, Identity grant) {
        authorities.put(line, grant);
        return this;
    }

    @Override
    public Optional<Identity> resolveFromFingerprint(String fingerprint) {
        return Optional.ofNullable(keys.get(fingerprint));
    }

    @Override
    public Optional<Identity> resolveFromToken(AuthToken token) {
        return Optional.empty();
    }

    @Override
    public List<String> trustedAuthorityKeys() {
        return new ArrayList<>(authorities.keySet());
    }

    @Override
    public Optional<Identity> resolveFromCertificateAuthority(String authorityFingerprint,
            String certifiedKeyFingerprint) {
        return authorities.entrySet().stream()
                .filter(e -> authorityFingerprint.equals(fingerprintOf(e.getKey())))
                .findFirst()
                .map(e -> new Identity(certifiedKeyFingerprint, e.getValue().scopes(), e.getValue().resources()));
    }

    /** {@code null} for a line that is not a key (tests store some on purpose). */
    private static String fingerprintOf(String line) {
        try {
            return OpenSshPublicKey.parse(line).fingerprint();
        } catch (KeyFormatException e) {
            return null;
        }
    }
}
