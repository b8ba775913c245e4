package dev.alknet.core;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;

/**
 * A signed-timestamp token as presented by non-SSH clients ({@code Authorization: Bearer <token>}).
 *
 * <p>Wire form: unpadded base64url of {@code key_id(32) || timestamp(8, big-endian unix seconds) ||
 * signature(64)}, where {@code key_id} is the SHA-256 of the raw 32-byte Ed25519 public key and the signature
 * is Ed25519 over {@code key_id || timestamp}. This class only parses the structure; verifying the signature
 * and the time window is the {@link IdentityProvider}'s job.
 *
 * <p>The token is a bearer credential: {@link #toString()} never shows it, and {@link #destroy()} zeroes the
 * bytes once a caller is done with it.
 */
public final class AuthToken {

    public static final int KEY_ID_LENGTH = 32;
    public static final int TIMESTAMP_LENGTH = 8;
    public static final int SIGNATURE_LENGTH = 64;
    public static final int LENGTH = KEY_ID_LENGTH + TIMESTAMP_LENGTH + SIGNATURE_LENGTH;

    private final byte[] raw;

    private AuthToken(byte[] raw) {
        this.raw = raw;
    }

    /**
     * Parses the base64url text of a token.
     *
     * @throws IllegalArgumentException when the text is not base64url or does not decode to {@value #LENGTH}
     *     bytes; the message never repeats the text
     */
    public static AuthToken parse(String text) {
        byte[] decoded;
        try {
            decoded = Base64.getUrlDecoder().decode(text.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("auth token is not unpadded base64url");
        }
        return fromBytes(decoded);
    }

    /** Wraps the decoded token bytes; the array is copied. */
    public static AuthToken fromBytes(byte[] raw) {
        if (raw.length != LENGTH) {
            throw new IllegalArgumentException(
                    "auth token must decode to " + LENGTH + " bytes (key id, timestamp, signature), got " + raw.length);
        }
        return new AuthToken(raw.clone());
    }

    /** Assembles a token from its parts (used by signers). */
    public static AuthToken of(byte[] keyId, long timestampSeconds, byte[] signature) {
        if (keyId.length != KEY_ID_LENGTH || signature.length != SIGNATURE_LENGTH) {
            throw new IllegalArgumentException("key id must be " + KEY_ID_LENGTH + " bytes and signature "
                    + SIGNATURE_LENGTH + " bytes");
        }
        return new AuthToken(ByteBuffer.allocate(LENGTH).put(keyId).putLong(timestampSeconds).put(signature).array());
    }

    /** The bytes the signature covers: {@code key_id || timestamp}. */
    public static byte[] signedBytes(byte[] keyId, long timestampSeconds) {
        return ByteBuffer.allocate(KEY_ID_LENGTH + TIMESTAMP_LENGTH).put(keyId).putLong(timestampSeconds).array();
    }

    public byte[] keyId() {
        return Arrays.copyOfRange(raw, 0, KEY_ID_LENGTH);
    }

    public long timestampSeconds() {
        return ByteBuffer.wrap(raw, KEY_ID_LENGTH, TIMESTAMP_LENGTH).getLong();
    }

    public byte[] signature() {
        return Arrays.copyOfRange(raw, KEY_ID_LENGTH + TIMESTAMP_LENGTH, LENGTH);
    }

    public byte[] signedBytes() {
        return Arrays.copyOfRange(raw, 0, KEY_ID_LENGTH + TIMESTAMP_LENGTH);
    }

    public byte[] toBytes() {
        return raw.clone();
    }

    /** The wire text; handle it like a password. */
    public String encode() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    /** Zeroes the token bytes; the instance is unusable afterwards. */
    public void destroy() {
        Arrays.fill(raw, (byte) 0);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AuthToken other && java.security.MessageDigest.isEqual(raw, other.raw);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(raw);
    }

    @Override
    public String toString() {
        return "AuthToken[redacted]";
    }
}
