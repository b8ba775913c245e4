package dev.alknet.core;

import java.util.List;
import java.util.Optional;

/**
 * The certificate authorities an identity source trusts to sign OpenSSH user certificates, and who a certificate
 * from each of them logs in as. The companion of {@link IdentityProvider} for certificate logins: the SSH layer
 * checks the certificate itself (signature, validity, principals, critical options) and only asks this which CAs
 * count and whose grant applies.
 *
 * <p>Implementations must be thread-safe and cheap: both methods run on every certificate login.
 */
public interface CertificateAuthorities {

    /**
     * The CA keys that may sign user certificates right now, as OpenSSH public key lines
     * ({@code type base64 [comment]}, no authorized_keys options). A disabled, revoked or expired CA, or one whose
     * owner may not log in, is not listed. Returning an equal list while nothing changed lets callers cache what
     * they derive from it.
     */
    List<String> trustedAuthorityKeys();

    /**
     * Who logs in with a certificate that the caller has verified against the CA {@code authorityFingerprint}.
     *
     * @param authorityFingerprint OpenSSH fingerprint of the CA key that signed the certificate
     * @param certifiedKeyFingerprint OpenSSH fingerprint of the key the certificate certifies (some sources use it
     *     as the identity id, as config-based auth does)
     * @return empty when the CA is no longer trusted
     */
    Optional<Identity> resolveFromCertificateAuthority(String authorityFingerprint, String certifiedKeyFingerprint);
}
