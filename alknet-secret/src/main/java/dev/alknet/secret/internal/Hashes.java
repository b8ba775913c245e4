package dev.alknet.secret.internal;

import org.bouncycastle.crypto.digests.KeccakDigest;
import org.bouncycastle.crypto.digests.RIPEMD160Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;

/** The hash functions of BIP-0032/SLIP-0010 and Ethereum, from BouncyCastle's light-weight API. */
public final class Hashes {
    private Hashes() {}

    /** HMAC-SHA512 over the concatenation of {@code parts}. */
    public static byte[] hmacSha512(byte[] key, byte[]... parts) {
        HMac mac = new HMac(new SHA512Digest());
        mac.init(new KeyParameter(key));
        for (byte[] part : parts) {
            mac.update(part, 0, part.length);
        }
        byte[] out = new byte[64];
        mac.doFinal(out, 0);
        return out;
    }

    /** RIPEMD-160(SHA-256(data)), the BIP-0032 key identifier. */
    public static byte[] hash160(byte[] data) {
        SHA256Digest sha = new SHA256Digest();
        sha.update(data, 0, data.length);
        byte[] inner = new byte[32];
        sha.doFinal(inner, 0);
        RIPEMD160Digest ripemd = new RIPEMD160Digest();
        ripemd.update(inner, 0, inner.length);
        byte[] out = new byte[20];
        ripemd.doFinal(out, 0);
        return out;
    }

    /** The original Keccak-256 Ethereum uses (not the FIPS 202 SHA3-256 padding). */
    public static byte[] keccak256(byte[] data) {
        KeccakDigest keccak = new KeccakDigest(256);
        keccak.update(data, 0, data.length);
        byte[] out = new byte[32];
        keccak.doFinal(out, 0);
        return out;
    }
}
