package dev.alknet.storage.internal;

import dev.alknet.core.AuthToken;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;

/**
 * Signed-timestamp token checks (spec 2.6.3) with the JDK's Ed25519, in the order alknet-auth's TokenVerifier uses:
 * signature over {@code key_id || timestamp}, then the window around now (both ends inclusive).
 */
public final class TokenSignatures {

    /** DER prefix of an X.509 SubjectPublicKeyInfo for Ed25519 (OID 1.3.101.112), followed by the 32 key bytes. */
    private static final byte[] X509_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

    private TokenSignatures() {
    }

    public static boolean valid(AuthToken token, byte[] rawEd25519, Instant now, Duration window) {
        return signatureValid(token, rawEd25519) && withinWindow(token.timestampSeconds(), now, window);
    }

    private static boolean signatureValid(AuthToken token, byte[] raw) {
        byte[] encoded = new byte[X509_PREFIX.length + raw.length];
        System.arraycopy(X509_PREFIX, 0, encoded, 0, X509_PREFIX.length);
        System.arraycopy(raw, 0, encoded, X509_PREFIX.length, raw.length);
        try {
            PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(encoded));
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key);
            verifier.update(token.signedBytes());
            return verifier.verify(token.signature());
        } catch (GeneralSecurityException e) {
            // A key that is not a valid curve point, or a malformed signature: not verified.
            return false;
        }
    }

    private static boolean withinWindow(long timestamp, Instant now, Duration window) {
        long n = now.getEpochSecond();
        long w = window.toSeconds();
        return timestamp >= saturatedAdd(n, -w) && timestamp <= saturatedAdd(n, w);
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? (b < 0 ? Long.MIN_VALUE : Long.MAX_VALUE) : r;
    }
}
