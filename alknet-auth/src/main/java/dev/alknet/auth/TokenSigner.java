package dev.alknet.auth;

import dev.alknet.auth.internal.Ed25519Keys;
import dev.alknet.core.AuthToken;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * Makes signed-timestamp tokens (spec §2.6.3) with an Ed25519 key: {@code key_id || timestamp || signature}, the
 * signature being Ed25519 over {@code key_id || timestamp} and {@code key_id} the SHA-256 of the raw public key.
 * Signing uses BouncyCastle's Ed25519 (about 17× faster than JDK 17's).
 *
 * <p>The signer keeps its own copy of the 32-byte private seed and zeroes it on {@link #close()}. Thread-safe.
 */
public final class TokenSigner implements AutoCloseable {

    private final byte[] seed;
    private final byte[] publicKey;
    private final byte[] keyId;
    private final Clock clock;
    private volatile boolean closed;

    private TokenSigner(byte[] seed, byte[] publicKey, Clock clock) {
        this.seed = seed;
        this.publicKey = publicKey;
        this.keyId = Ed25519Keys.keyId(publicKey);
        this.clock = clock;
    }

    public static TokenSigner of(OpenSshKeyPair keyPair) {
        return of(keyPair, Clock.systemUTC());
    }

    /**
     * @throws KeyFormatException when the key pair is not Ed25519 or its halves do not belong together
     */
    public static TokenSigner of(OpenSshKeyPair keyPair, Clock clock) {
        Objects.requireNonNull(clock, "clock");
        OpenSshPublicKey sshKey = keyPair.publicKey();
        byte[] expected = Ed25519Keys.rawPublicKey(sshKey.type(), sshKey.blob());
        byte[] seed = Ed25519Keys.seed(keyPair.privateKey());
        byte[] derived = new byte[Ed25519Keys.KEY_LENGTH];
        Ed25519.generatePublicKey(seed, 0, derived, 0);
        if (!Arrays.equals(derived, expected)) {
            Arrays.fill(seed, (byte) 0);
            throw new KeyFormatException("the private key does not match its public key");
        }
        return new TokenSigner(seed, derived, clock);
    }

    /** A token stamped with the clock's current time. */
    public AuthToken sign() {
        return sign(clock.instant());
    }

    public AuthToken sign(Instant at) {
        if (closed) {
            throw new IllegalStateException("token signer is closed");
        }
        long timestamp = at.getEpochSecond();
        byte[] message = AuthToken.signedBytes(keyId, timestamp);
        byte[] signature = new byte[AuthToken.SIGNATURE_LENGTH];
        Ed25519.sign(seed, 0, publicKey, 0, message, 0, message.length, signature, 0);
        return AuthToken.of(keyId, timestamp, signature);
    }

    /** SHA-256 of the raw public key, the first 32 bytes of every token this signer makes. */
    public byte[] keyId() {
        return keyId.clone();
    }

    /** Zeroes the private seed; the signer cannot sign afterwards. */
    @Override
    public void close() {
        closed = true;
        Arrays.fill(seed, (byte) 0);
    }

    @Override
    public String toString() {
        return "TokenSigner[private key redacted]";
    }
}
