package dev.alknet.auth.internal;

import dev.alknet.auth.KeyFormatException;
import java.io.IOException;
import java.security.PrivateKey;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;

/** Raw Ed25519 key bytes, whatever JCA provider made the key objects. */
public final class Ed25519Keys {

    public static final int KEY_LENGTH = 32;
    /** RFC 8410 {@code id-Ed25519}. */
    private static final ASN1ObjectIdentifier ID_ED25519 = new ASN1ObjectIdentifier("1.3.101.112");

    private Ed25519Keys() {
    }

    /** The 32-byte public key: the last SSH string of an {@code ssh-ed25519} blob. */
    public static byte[] rawPublicKey(String type, byte[] blob) {
        if (!KeyPolicy.ED25519.equals(type)) {
            throw new KeyFormatException("an Ed25519 key is required, got " + type);
        }
        return Arrays.copyOfRange(blob, blob.length - KEY_LENGTH, blob.length);
    }

    /** The token key id: SHA-256 of the raw 32-byte public key (DESIGN §4.6). */
    public static byte[] keyId(byte[] rawPublicKey) {
        return Digests.sha256(rawPublicKey);
    }

    /**
     * The 32-byte private seed, read from the key's PKCS#8 encoding, which is zeroed afterwards.
     *
     * @throws KeyFormatException when the key is not Ed25519 or does not expose its encoding
     */
    public static byte[] seed(PrivateKey key) {
        byte[] encoded = key.getEncoded();
        if (encoded == null) {
            throw new KeyFormatException("the private key does not expose its encoding (hardware key?)");
        }
        byte[] seed;
        try {
            PrivateKeyInfo info = PrivateKeyInfo.getInstance(encoded);
            boolean ed25519 = ID_ED25519.equals(info.getPrivateKeyAlgorithm().getAlgorithm());
            seed = ed25519 ? ASN1OctetString.getInstance(info.parsePrivateKey()).getOctets() : null;
        } catch (IOException | IllegalArgumentException e) {
            throw new KeyFormatException("cannot read the private key encoding", e);
        } finally {
            Arrays.fill(encoded, (byte) 0);
        }
        if (seed == null) {
            throw new KeyFormatException("an Ed25519 private key is required, got " + key.getAlgorithm());
        }
        if (seed.length != KEY_LENGTH) {
            Arrays.fill(seed, (byte) 0);
            throw new KeyFormatException("Ed25519 private key of " + seed.length + " bytes, expected " + KEY_LENGTH);
        }
        return seed;
    }
}
