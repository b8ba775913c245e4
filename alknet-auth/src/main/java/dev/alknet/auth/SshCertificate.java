package dev.alknet.auth;

import dev.alknet.auth.internal.KeyPolicy;
import dev.alknet.auth.internal.LogValues;
import dev.alknet.auth.internal.SshKeyCodec;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.OpenSshCertificate;
import org.apache.sshd.common.signature.BuiltinSignatures;
import org.apache.sshd.common.signature.Signature;

/**
 * An OpenSSH certificate ({@code *-cert-v01@openssh.com}, PROTOCOL.certkeys) as decoded by MINA, not yet checked
 * against anything. {@link KeyAuthenticator} decides whether to trust it; {@link #hasValidSignature()} adds the
 * CA signature check that MINA's decoder does not do.
 *
 * <p>Both the certified key and the signing CA key must be of a type alknet accepts (see {@link OpenSshPublicKey}).
 */
public final class SshCertificate {

    private static final String CERT_SUFFIX = "-cert-v01@openssh.com";

    private final OpenSshCertificate certificate;
    private final OpenSshPublicKey key;
    private final OpenSshPublicKey signatureKey;
    private final Map<String, String> criticalOptions;
    private final Set<String> extensions;
    private final String signatureAlgorithm;

    private SshCertificate(OpenSshCertificate certificate) {
        this.certificate = certificate;
        try {
            // MINA decodes the signature blob only when asked; a corrupt one must fail here, not later.
            this.signatureAlgorithm = certificate.getSignatureAlgorithm();
        } catch (RuntimeException e) {
            throw new KeyFormatException("malformed certificate signature");
        }
        this.key = OpenSshPublicKey.of(certificate.getCertPubKey());
        this.signatureKey = OpenSshPublicKey.of(certificate.getCaPubKey());
        this.criticalOptions = uniqueOptions(certificate.getCriticalOptions(), "critical option");
        this.extensions = Collections.unmodifiableSet(
                new LinkedHashSet<>(uniqueOptions(certificate.getExtensions(), "extension").keySet()));
    }

    /**
     * Parses a certificate line as in a {@code -cert.pub} file: {@code type base64 [comment]}.
     *
     * @throws KeyFormatException when the line is not a well-formed certificate of accepted key types
     */
    public static SshCertificate parse(String line) {
        AuthorizedKeyEntry entry = SshKeyCodec.parseBareLine(Objects.requireNonNull(line, "line"), "certificate");
        SshCertificate certificate = fromBlob(entry.getKeyData());
        if (!certificate.type().equals(entry.getKeyType())) {
            throw new KeyFormatException("the line says " + LogValues.printable(entry.getKeyType())
                    + " but the data holds a " + certificate.type());
        }
        return certificate;
    }

    /**
     * Decodes the SSH wire encoding of a certificate.
     *
     * @throws KeyFormatException when the blob is not a well-formed certificate of accepted key types
     */
    public static SshCertificate fromBlob(byte[] blob) {
        String type = SshKeyCodec.blobType(blob);
        if (!type.endsWith(CERT_SUFFIX)) {
            throw new KeyFormatException("not a certificate: key type " + LogValues.printable(type));
        }
        KeyPolicy.checkType(type.substring(0, type.length() - CERT_SUFFIX.length()));
        return of(SshKeyCodec.decode(blob));
    }

    /**
     * Wraps the certificate MINA decoded, e.g. the key a server's public key authenticator receives.
     *
     * @throws KeyFormatException when {@code presented} is not a certificate or uses a rejected key type
     */
    public static SshCertificate of(PublicKey presented) {
        if (!(presented instanceof OpenSshCertificate certificate)) {
            throw new KeyFormatException("not an OpenSSH certificate");
        }
        return new SshCertificate(certificate);
    }

    /** The certificate type name, e.g. {@code ssh-ed25519-cert-v01@openssh.com}. */
    public String type() {
        return certificate.getKeyType();
    }

    /** Type 1 in PROTOCOL.certkeys; host certificates (type 2) never authenticate users. */
    public boolean isUserCertificate() {
        return certificate.getType() == OpenSshCertificate.Type.USER;
    }

    /** The certified key; its fingerprint is what OpenSSH logs for a certificate login. */
    public OpenSshPublicKey key() {
        return key;
    }

    /** The CA key that signed the certificate. */
    public OpenSshPublicKey signatureKey() {
        return signatureKey;
    }

    public String keyId() {
        return certificate.getId();
    }

    public long serial() {
        return certificate.getSerial();
    }

    public List<String> principals() {
        return List.copyOf(certificate.getPrincipals());
    }

    /** Start of validity; the wire value is unsigned seconds, values beyond {@link Instant#MAX} clamp to it. */
    public Instant validAfter() {
        return toInstant(certificate.getValidAfter());
    }

    /** End of validity (exclusive); {@link Instant#MAX} for "forever". */
    public Instant validBefore() {
        return toInstant(certificate.getValidBefore());
    }

    /** {@code now + skew < valid_after}. */
    public boolean isNotYetValid(Instant now, Duration skew) {
        return Long.compareUnsigned(certificate.getValidAfter(), now.getEpochSecond() + skew.toSeconds()) > 0;
    }

    /** {@code now - skew >= valid_before}. */
    public boolean isExpired(Instant now, Duration skew) {
        long latest = Math.max(0, now.getEpochSecond() - skew.toSeconds());
        return Long.compareUnsigned(latest, certificate.getValidBefore()) >= 0;
    }

    /** Critical option name to its data ({@code ""} when it has none), in certificate order. */
    public Map<String, String> criticalOptions() {
        return criticalOptions;
    }

    /** Extension names, e.g. {@code permit-port-forwarding}. */
    public Set<String> extensions() {
        return extensions;
    }

    /** The algorithm of the CA signature, e.g. {@code ssh-ed25519} or {@code rsa-sha2-512}. */
    public String signatureAlgorithm() {
        return signatureAlgorithm;
    }

    /**
     * Verifies the CA signature over the certificate with the signature key it names. The algorithm must suit the
     * CA key; RSA CAs must sign with SHA-2 ({@code ssh-rsa} SHA-1 signatures are refused, as by OpenSSH ≥ 8.2).
     */
    public boolean hasValidSignature() {
        String algorithm = signatureAlgorithm();
        boolean suitsKey = signatureKey.type().equals(KeyPolicy.RSA)
                ? algorithm.equals("rsa-sha2-256") || algorithm.equals("rsa-sha2-512")
                : algorithm.equals(signatureKey.type());
        if (!suitsKey) {
            return false;
        }
        BuiltinSignatures factory = BuiltinSignatures.fromFactoryName(algorithm);
        if (factory == null || !factory.isSupported()) {
            return false;
        }
        try {
            Signature verifier = factory.create();
            verifier.initVerifier(null, signatureKey.publicKey());
            verifier.update(null, certificate.getMessage());
            return verifier.verify(null, certificate.getSignature());
        } catch (Exception e) {
            // MINA reports a malformed signature blob by throwing; for the caller it is simply not a valid signature.
            return false;
        }
    }

    @Override
    public String toString() {
        return type() + " " + key.fingerprint() + " id=" + LogValues.printable(keyId()) + " serial="
                + Long.toUnsignedString(serial()) + " ca=" + signatureKey.fingerprint();
    }

    private static Instant toInstant(long unsignedSeconds) {
        return unsignedSeconds < 0 || unsignedSeconds > Instant.MAX.getEpochSecond()
                ? Instant.MAX : Instant.ofEpochSecond(unsignedSeconds);
    }

    private static Map<String, String> uniqueOptions(List<OpenSshCertificate.CertificateOption> options, String what) {
        Map<String, String> out = new LinkedHashMap<>();
        for (OpenSshCertificate.CertificateOption option : options) {
            String data = option.getData() == null ? "" : option.getData();
            if (out.put(option.getName(), data) != null) {
                throw new KeyFormatException("certificate repeats the " + what + " '"
                        + LogValues.printable(option.getName()) + "'");
            }
        }
        return Collections.unmodifiableMap(out);
    }
}
