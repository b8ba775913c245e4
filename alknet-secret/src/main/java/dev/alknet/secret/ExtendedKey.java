package dev.alknet.secret;

import dev.alknet.secret.internal.Bytes;
import dev.alknet.secret.internal.Hashes;
import dev.alknet.secret.internal.Weierstrass;
import java.util.Objects;
import java.util.OptionalInt;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * A SLIP-0010 extended private key: the private key, the chain code and where it sits in the tree.
 * Accessors return copies; {@link #destroy()} zeroes the key material this object holds.
 */
public final class ExtendedKey {
    private final Curve curve;
    private final byte[] privateKey;
    private final byte[] chainCode;
    private final int depth;
    private final OptionalInt parentFingerprint;
    private final int childNumber;
    private volatile boolean destroyed;
    private volatile byte[] publicKey;

    ExtendedKey(Curve curve, byte[] privateKey, byte[] chainCode, int depth, OptionalInt parentFingerprint,
            int childNumber) {
        this.curve = Objects.requireNonNull(curve, "curve");
        this.privateKey = privateKey.clone();
        this.chainCode = chainCode.clone();
        this.depth = depth;
        this.parentFingerprint = parentFingerprint;
        this.childNumber = childNumber;
    }

    public Curve curve() {
        return curve;
    }

    /** The 32-byte private key (for ed25519 the RFC 8032 seed). */
    public byte[] privateKey() {
        return live(privateKey).clone();
    }

    public byte[] chainCode() {
        return live(chainCode).clone();
    }

    public int depth() {
        return depth;
    }

    /**
     * The first four bytes of the parent's key identifier (0 for a master key), as BIP-0032 serialisation
     * records it. Known for keys made by {@link #child(int)}; empty for keys made by {@link #derive} or
     * {@link Slip10#derive}, because it costs a scalar multiplication of the parent that no derivation needs.
     */
    public OptionalInt parentFingerprint() {
        return parentFingerprint;
    }

    /** The child number this key was derived with (hardened ones have the top bit set); 0 for a master key. */
    public int childNumber() {
        return childNumber;
    }

    /**
     * The 33-byte public key as SLIP-0010 serialises it: SEC1 compressed for secp256k1 and nist256p1,
     * {@code 0x00} followed by the RFC 8032 encoding for ed25519.
     */
    public byte[] publicKey() {
        byte[] known = publicKey;
        if (known == null) {
            known = computePublicKey();
            publicKey = known;
        }
        return known.clone();
    }

    /** A scalar multiplication, so it runs once per key; the result is public and needs no zeroing. */
    private byte[] computePublicKey() {
        byte[] key = live(privateKey);
        return switch (curve) {
            case ED25519 -> {
                byte[] out = new byte[33];
                Ed25519.generatePublicKey(key, 0, out, 1);
                yield out;
            }
            case SECP256K1 -> Weierstrass.SECP256K1.publicKey(key, true);
            case NIST256P1 -> Weierstrass.NIST256P1.publicKey(key, true);
        };
    }

    /** The first four bytes of HASH160 of {@link #publicKey()}, which children record as their parent. */
    public int fingerprint() {
        return Bytes.getInt(Hashes.hash160(publicKey()), 0);
    }

    /** The child at {@code childNumber} (use {@link DerivationPath#hardened(int)} for a hardened one). */
    public ExtendedKey child(int childNumber) {
        return Slip10.child(this, childNumber, true);
    }

    /** The key at {@code path} taken relative to this one (without {@link #parentFingerprint()}). */
    public ExtendedKey derive(DerivationPath path) {
        ExtendedKey key = this;
        for (int childNumber : path.indices()) {
            ExtendedKey next = Slip10.child(key, childNumber, false);
            if (key != this) {
                key.destroy();
            }
            key = next;
        }
        return key == this ? copy() : key;
    }

    /** Zeroes the private key and chain code; later use fails. */
    public void destroy() {
        destroyed = true;
        Bytes.zero(privateKey);
        Bytes.zero(chainCode);
    }

    public boolean isDestroyed() {
        return destroyed;
    }

    @Override
    public String toString() {
        return "ExtendedKey[" + curve + ", depth " + depth + ", key material redacted]";
    }

    private ExtendedKey copy() {
        return new ExtendedKey(curve, live(privateKey), live(chainCode), depth, parentFingerprint, childNumber);
    }

    private byte[] live(byte[] material) {
        if (destroyed) {
            throw new IllegalStateException("this ExtendedKey has been destroyed");
        }
        return material;
    }
}
