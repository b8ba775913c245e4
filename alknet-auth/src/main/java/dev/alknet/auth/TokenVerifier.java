package dev.alknet.auth;

import dev.alknet.auth.internal.Ed25519Keys;
import dev.alknet.core.AuthToken;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * Verifies signed-timestamp tokens (spec §2.6.3) against a set of Ed25519 public keys, in the spec's order: look
 * the key id up, verify the signature over {@code key_id || timestamp}, then check that the timestamp lies within
 * the window around now. Replay inside the window is not prevented (v1 keeps no server state).
 *
 * <p>Only {@code ssh-ed25519} keys can sign tokens; other keys in the set are ignored. Pass plain keys only (e.g.
 * {@link AuthorizedKeys#keys()}): a CA key must never authenticate by itself. Immutable and thread-safe; build a new
 * verifier when the key set changes.
 */
public final class TokenVerifier {

    public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(300);

    private record Entry(OpenSshPublicKey key, Ed25519.PublicPoint point) {
    }

    private final Map<ByteBuffer, Entry> keys = new HashMap<>();
    private final long windowSeconds;
    private final Clock clock;

    /** A verifier with the default ±300 s window and the system clock. */
    public TokenVerifier(Collection<OpenSshPublicKey> keys) {
        this(keys, DEFAULT_WINDOW, Clock.systemUTC());
    }

    /**
     * @param window how far a token's timestamp may be from now, either way
     */
    public TokenVerifier(Collection<OpenSshPublicKey> keys, Duration window, Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        if (window.isNegative()) {
            throw new IllegalArgumentException("token window must not be negative");
        }
        this.windowSeconds = window.toSeconds();
        for (OpenSshPublicKey key : keys) {
            if (!key.type().equals("ssh-ed25519")) {
                continue;
            }
            byte[] raw = Ed25519Keys.rawPublicKey(key.type(), key.blob());
            Ed25519.PublicPoint point = Ed25519.validatePublicKeyFullExport(raw, 0);
            if (point != null) {
                this.keys.put(ByteBuffer.wrap(Ed25519Keys.keyId(raw)), new Entry(key, point));
            }
        }
    }

    public TokenResult verify(AuthToken token) {
        Entry entry = keys.get(ByteBuffer.wrap(token.keyId()));
        if (entry == null) {
            return new TokenResult.Invalid(TokenFailure.UNKNOWN_KEY);
        }
        byte[] message = token.signedBytes();
        if (!Ed25519.verify(token.signature(), 0, entry.point(), message, 0, message.length)) {
            return new TokenResult.Invalid(TokenFailure.BAD_SIGNATURE);
        }
        long now = clock.instant().getEpochSecond();
        long timestamp = token.timestampSeconds();
        if (timestamp < saturatedAdd(now, -windowSeconds)) {
            return new TokenResult.Invalid(TokenFailure.TOO_OLD);
        }
        if (timestamp > saturatedAdd(now, windowSeconds)) {
            return new TokenResult.Invalid(TokenFailure.FROM_THE_FUTURE);
        }
        return new TokenResult.Valid(entry.key(), Instant.ofEpochSecond(timestamp));
    }

    /** Any window, however wide, and any clock keep the comparison free of overflow. */
    private static long saturatedAdd(long a, long b) {
        try {
            return Math.addExact(a, b);
        } catch (ArithmeticException e) {
            return b > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
        }
    }

    /** How many Ed25519 keys can sign tokens for this verifier. */
    public int keyCount() {
        return keys.size();
    }
}
