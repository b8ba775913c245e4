package dev.alknet.secret;

import dev.alknet.secret.internal.Bytes;
import dev.alknet.secret.internal.Hashes;
import dev.alknet.secret.internal.Weierstrass;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * SLIP-0010 key derivation (satoshilabs/slips slip-0010.md), checked against every published vector for
 * ed25519, secp256k1 and nist256p1. On secp256k1 it is BIP-0032; on ed25519 only hardened children exist.
 */
public final class Slip10 {
    private Slip10() {}

    /** The master key of {@code seed} (16 to 64 bytes, normally a BIP39 seed). */
    public static ExtendedKey master(Curve curve, byte[] seed) {
        Objects.requireNonNull(curve, "curve");
        if (seed.length < 16 || seed.length > 64) {
            throw new SecretException(SecretError.INVALID_ARGUMENT,
                    "a SLIP-0010 seed is 16 to 64 bytes, not " + seed.length);
        }
        byte[] key = curve.hmacKey().getBytes(StandardCharsets.US_ASCII);
        byte[] i = Hashes.hmacSha512(key, seed);
        // An invalid master key (IL = 0 or IL ≥ n) is hashed again with I as the new seed.
        while (!validScalar(curve, Arrays.copyOf(i, 32))) {
            byte[] again = Hashes.hmacSha512(key, i);
            Bytes.zero(i);
            i = again;
        }
        return fromI(curve, i, 0, OptionalInt.of(0), 0);
    }

    /** The key at {@code path} below the master key of {@code seed}. */
    public static ExtendedKey derive(Curve curve, byte[] seed, DerivationPath path) {
        ExtendedKey master = master(curve, seed);
        try {
            return master.derive(path);
        } finally {
            master.destroy();
        }
    }

    /** {@code withFingerprint} false leaves the parent fingerprint empty (it costs a scalar multiplication). */
    static ExtendedKey child(ExtendedKey parent, int childNumber, boolean withFingerprint) {
        Curve curve = parent.curve();
        boolean hardened = DerivationPath.isHardened(childNumber);
        if (!hardened && !curve.allowsNonHardened()) {
            throw new SecretException(SecretError.INVALID_PATH, "ed25519 derivation is hardened only (SLIP-0010):"
                    + " index " + childNumber + " at depth " + (parent.depth() + 1) + " must be written "
                    + childNumber + "'");
        }
        if (parent.depth() >= DerivationPath.MAX_DEPTH) {
            throw new SecretException(SecretError.INVALID_PATH,
                    "a derivation path has at most " + DerivationPath.MAX_DEPTH + " levels");
        }
        byte[] chainCode = parent.chainCode();
        byte[] parentKey = parent.privateKey();
        byte[] number = new byte[4];
        Bytes.putInt(number, 0, childNumber);
        byte[] data = hardened ? Bytes.concat(new byte[] {0}, parentKey, number)
                : Bytes.concat(parent.publicKey(), number);
        byte[] i = Hashes.hmacSha512(chainCode, data);
        Bytes.zero(data);
        OptionalInt parentFingerprint = withFingerprint ? OptionalInt.of(parent.fingerprint()) : OptionalInt.empty();
        try {
            if (curve == Curve.ED25519) {
                return fromI(curve, i, parent.depth() + 1, parentFingerprint, childNumber);
            }
            BigInteger n = order(curve);
            while (true) {
                BigInteger il = new BigInteger(1, Arrays.copyOf(i, 32));
                BigInteger k = il.add(new BigInteger(1, parentKey)).mod(n);
                if (il.compareTo(n) < 0 && k.signum() != 0) {
                    byte[] child = toBytes32(k);
                    System.arraycopy(child, 0, i, 0, 32);
                    Bytes.zero(child);
                    return fromI(curve, i, parent.depth() + 1, parentFingerprint, childNumber);
                }
                // Invalid child key: SLIP-0010 retries with 0x01 || IR || ser32(i) instead of skipping the index.
                byte[] retry = Bytes.concat(new byte[] {1}, Arrays.copyOfRange(i, 32, 64), number);
                Bytes.zero(i);
                i = Hashes.hmacSha512(chainCode, retry);
            }
        } finally {
            Bytes.zero(i);
            Bytes.zero(parentKey);
            Bytes.zero(chainCode);
        }
    }

    private static ExtendedKey fromI(Curve curve, byte[] i, int depth, OptionalInt parentFingerprint,
            int childNumber) {
        byte[] left = Arrays.copyOfRange(i, 0, 32);
        byte[] right = Arrays.copyOfRange(i, 32, 64);
        try {
            return new ExtendedKey(curve, left, right, depth, parentFingerprint, childNumber);
        } finally {
            Bytes.zero(left);
            Bytes.zero(right);
            Bytes.zero(i);
        }
    }

    private static boolean validScalar(Curve curve, byte[] candidate) {
        if (curve == Curve.ED25519) {
            return true;
        }
        BigInteger k = new BigInteger(1, candidate);
        Bytes.zero(candidate);
        return k.signum() != 0 && k.compareTo(order(curve)) < 0;
    }

    private static BigInteger order(Curve curve) {
        return (curve == Curve.SECP256K1 ? Weierstrass.SECP256K1 : Weierstrass.NIST256P1).order();
    }

    private static byte[] toBytes32(BigInteger value) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[32];
        int copy = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - copy, out, 32 - copy, copy);
        Bytes.zero(raw);
        return out;
    }
}
