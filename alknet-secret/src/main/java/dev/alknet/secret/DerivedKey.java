package dev.alknet.secret;

import dev.alknet.secret.internal.Bytes;
import java.util.Objects;

/**
 * A key handed out by the {@link SecretService}: for ED25519 the 32-byte RFC 8032 private key and the 32-byte
 * public key; for SECP256K1 the 32-byte scalar and the 33-byte compressed point; for AES256_GCM the 32-byte
 * key and no public key. The holder owns it and should {@link #destroy()} it when done.
 */
public final class DerivedKey {
    private final KeyType keyType;
    private final DerivationPath path;
    private final byte[] privateKey;
    private final byte[] publicKey;

    DerivedKey(KeyType keyType, DerivationPath path, byte[] privateKey, byte[] publicKey) {
        this.keyType = Objects.requireNonNull(keyType, "keyType");
        this.path = Objects.requireNonNull(path, "path");
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    public KeyType keyType() {
        return keyType;
    }

    public DerivationPath path() {
        return path;
    }

    public byte[] privateKey() {
        return privateKey.clone();
    }

    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** Zeroes the private key. */
    public void destroy() {
        Bytes.zero(privateKey);
    }

    @Override
    public String toString() {
        return "DerivedKey[" + keyType + " " + path + ", private key redacted]";
    }
}
