package dev.alknet.secret;

/** The SLIP-0010 curves this module derives keys on, each with its master-key HMAC key. */
public enum Curve {
    /** Hardened derivation only; private keys are the 32-byte RFC 8032 seeds. */
    ED25519("ed25519 seed"),
    /** Identical to BIP-0032 (Bitcoin, Ethereum). */
    SECP256K1("Bitcoin seed"),
    /** NIST P-256; invalid keys (probability 2^-32) are re-hashed as SLIP-0010 says. */
    NIST256P1("Nist256p1 seed");

    private final String hmacKey;

    Curve(String hmacKey) {
        this.hmacKey = hmacKey;
    }

    /** The HMAC-SHA512 key for the master secret, e.g. {@code "ed25519 seed"}. */
    public String hmacKey() {
        return hmacKey;
    }

    /** Whether non-hardened (public-parent) derivation exists on this curve. */
    public boolean allowsNonHardened() {
        return this != ED25519;
    }
}
