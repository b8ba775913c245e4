package dev.alknet.secret;

import dev.alknet.secret.internal.Bytes;
import dev.alknet.secret.internal.Hashes;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Deterministic site passwords. The key is the ed25519 SLIP-0010 private key at
 * {@link AlknetPaths#password(String)}; a byte stream {@code HMAC-SHA512(key, "alknet password v1" || u32 length
 * || UTF-8 alphabet || u32 counter)} (counter 0, 1, …) is turned into characters by rejection sampling: with an
 * alphabet of {@code m} characters a byte {@code b} is used only when {@code b < 256 - 256 % m} and then picks
 * {@code alphabet[b % m]}, so every character is equally likely. Length and alphabet are part of the stream,
 * so two passwords for one site with different rules share nothing.
 */
public final class SitePassword {
    /** Letters, digits and the symbols most sites accept. */
    public static final String DEFAULT_ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#$%&*+-=?@^_~";
    public static final int MAX_LENGTH = 1024;
    private static final byte[] LABEL = "alknet password v1".getBytes(StandardCharsets.US_ASCII);

    private SitePassword() {}

    /** A password of {@code length} characters of {@code alphabet} (2 to 256 distinct characters). */
    public static char[] derive(byte[] key, int length, String alphabet) {
        Objects.requireNonNull(alphabet, "alphabet");
        if (length < 1 || length > MAX_LENGTH) {
            throw new SecretException(SecretError.INVALID_ARGUMENT,
                    "a password is 1 to " + MAX_LENGTH + " characters, not " + length);
        }
        checkAlphabet(alphabet);
        int m = alphabet.length();
        int limit = 256 - 256 % m;
        byte[] prefix = new byte[4];
        Bytes.putInt(prefix, 0, length);
        byte[] rules = Bytes.concat(LABEL, prefix, alphabet.getBytes(StandardCharsets.UTF_8));
        char[] out = new char[length];
        byte[] counter = new byte[4];
        int filled = 0;
        for (int block = 0; filled < length; block++) {
            Bytes.putInt(counter, 0, block);
            byte[] stream = Hashes.hmacSha512(key, rules, counter);
            for (int i = 0; i < stream.length && filled < length; i++) {
                int b = stream[i] & 0xff;
                if (b < limit) {
                    out[filled++] = alphabet.charAt(b % m);
                }
            }
            Bytes.zero(stream);
        }
        return out;
    }

    private static void checkAlphabet(String alphabet) {
        if (alphabet.length() < 2 || alphabet.length() > 256) {
            throw new SecretException(SecretError.INVALID_ARGUMENT,
                    "an alphabet has 2 to 256 characters, not " + alphabet.length());
        }
        if (alphabet.chars().anyMatch(c -> Character.isSurrogate((char) c) || Character.isISOControl(c))) {
            throw new SecretException(SecretError.INVALID_ARGUMENT,
                    "an alphabet holds printable characters of the Basic Multilingual Plane only");
        }
        if (alphabet.chars().distinct().count() != alphabet.length()) {
            throw new SecretException(SecretError.INVALID_ARGUMENT,
                    "an alphabet lists each character once (a repeat would make it more likely)");
        }
    }
}
