package dev.alknet.secret;

/** The kinds of {@link DerivedKey} the service hands out (spec §2.13 {@code key_type}). */
public enum KeyType {
    ED25519,
    AES256_GCM,
    SECP256K1
}
