package dev.alknet.transport.internal.tls;

import dev.alknet.transport.TlsFileException;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.List;
import org.bouncycastle.asn1.ASN1Object;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * Reads the private key of a PEM file in the three forms openssl writes: PKCS#8 ({@code PRIVATE KEY}), PKCS#1
 * ({@code RSA PRIVATE KEY}) and SEC1 ({@code EC PRIVATE KEY}). The JDK only reads PKCS#8, so the other two are
 * wrapped into it first.
 */
public final class PrivateKeys {

    private static final List<String> ALGORITHMS = List.of("RSA", "EC", "Ed25519", "Ed448");

    private PrivateKeys() {
    }

    public static PrivateKey read(PemFile pem) throws TlsFileException {
        for (PemFile.Block block : pem.blocks()) {
            switch (block.label()) {
                case "PRIVATE KEY" -> {
                    return pkcs8(pem, block.der());
                }
                case "RSA PRIVATE KEY", "EC PRIVATE KEY" -> {
                    if (block.headers()) {
                        throw new TlsFileException(pem.path(), "the key is encrypted; store it unencrypted with "
                                + "'openssl pkey -in KEY -out KEY.pem' and protect the file's permissions");
                    }
                    return pkcs8(pem, wrap(pem, block));
                }
                case "ENCRYPTED PRIVATE KEY" -> throw new TlsFileException(pem.path(), "the key is encrypted; "
                        + "store it unencrypted with 'openssl pkey -in KEY -out KEY.pem' and protect the file's "
                        + "permissions");
                case "OPENSSH PRIVATE KEY" -> throw new TlsFileException(pem.path(), "this is an OpenSSH key, "
                        + "not a TLS key; give the PEM key that belongs to the certificate");
                default -> {
                    // certificates or parameters next to the key are allowed
                }
            }
        }
        throw new TlsFileException(pem.path(), "no private key block (found " + pem.labels()
                + "; expected PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY)");
    }

    /**
     * Whether {@code key} is the private half of {@code publicKey}, by signing a random challenge with it.
     * Works for every algorithm TLS certificates use, without comparing algorithm-specific fields.
     */
    public static boolean matches(PrivateKey key, PublicKey publicKey) {
        if (!key.getAlgorithm().equals(publicKey.getAlgorithm())) {
            return false;
        }
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> key.getAlgorithm(); // Ed25519, Ed448, EdDSA sign with their own name
        };
        try {
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static PrivateKey pkcs8(PemFile pem, byte[] der) throws TlsFileException {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        for (String algorithm : ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException | RuntimeException e) {
                // not this algorithm: try the next
            }
        }
        throw new TlsFileException(pem.path(), "the private key is damaged or of an unsupported type "
                + "(supported: " + ALGORITHMS + ")");
    }

    private static byte[] wrap(PemFile pem, PemFile.Block block) throws TlsFileException {
        try {
            ASN1Primitive inner = ASN1Primitive.fromByteArray(block.der());
            PrivateKeyInfo info;
            if (block.label().equals("RSA PRIVATE KEY")) {
                info = new PrivateKeyInfo(
                        new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE), inner);
            } else {
                ECPrivateKey sec1 = ECPrivateKey.getInstance(inner);
                ASN1Object curve = sec1.getParametersObject();
                info = curve == null ? null : new PrivateKeyInfo(
                        new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, curve), sec1);
            }
            if (info != null) {
                return info.getEncoded();
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new TlsFileException(pem.path(), "the " + block.label() + " block is damaged", e);
        }
        throw new TlsFileException(pem.path(), "the EC key does not name its curve; rewrite it with "
                + "'openssl pkey -in KEY -out KEY.pem'");
    }
}
