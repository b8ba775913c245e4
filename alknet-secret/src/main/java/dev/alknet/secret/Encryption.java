package dev.alknet.secret;

import dev.alknet.secret.internal.ChunkedGcm;
import dev.alknet.secret.internal.Gcm;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * AES-256-GCM {@link EncryptedData} on the JDK cipher.
 *
 * <p>Every message gets a fresh random 12-byte IV and 32-byte salt. The plaintext is sealed in chunks of
 * {@value #CHUNK_SIZE} bytes, each followed by its tag (a message up to 64 KiB is one chunk, so {@code data}
 * is ciphertext‖tag as in the spec). Chunk {@code i} uses the IV with {@code i} XORed into its last four bytes
 * and authenticates {@code u32 key_version || salt || u32 i || last-chunk flag}: a changed version or salt,
 * reordered chunks and a truncated payload all fail authentication instead of decrypting to garbage.
 */
public final class Encryption {
    /** Key version spec §2.13 starts at. */
    public static final int CURRENT_KEY_VERSION = 1;
    public static final int KEY_BYTES = 32;
    public static final int CHUNK_SIZE = 64 * 1024;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Encryption() {}

    /** Seals {@code plaintext} under the 32-byte {@code key}, labelled {@code keyVersion}. */
    public static EncryptedData encrypt(byte[] key, int keyVersion, byte[] plaintext) {
        checkKey(key);
        // One draw for both: each SecureRandom call takes a lock and costs about as much as the bytes.
        byte[] random = new byte[EncryptedData.SALT_BYTES + Gcm.IV_BYTES];
        RANDOM.nextBytes(random);
        byte[] salt = Arrays.copyOf(random, EncryptedData.SALT_BYTES);
        byte[] iv = Arrays.copyOfRange(random, EncryptedData.SALT_BYTES, random.length);
        if (keyVersion < 1) {
            throw new SecretException(SecretError.INVALID_ARGUMENT, "key versions start at 1, not " + keyVersion);
        }
        byte[] header = EncryptedData.header(keyVersion, salt);
        return EncryptedData.sealed(keyVersion, salt, iv, ChunkedGcm.seal(key, iv, header, plaintext, CHUNK_SIZE));
    }

    public static EncryptedData encryptString(byte[] key, int keyVersion, String plaintext) {
        return encrypt(key, keyVersion, plaintext.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Opens {@code encrypted} with the key of its {@code key_version}.
     *
     * @throws SecretException {@link SecretError#DECRYPTION_FAILED} for a wrong key, a wrong version or any
     *     tampering; {@link SecretError#MALFORMED_DATA} for a length no sealed payload has
     */
    public static byte[] decrypt(byte[] key, EncryptedData encrypted) {
        checkKey(key);
        return ChunkedGcm.open(key, encrypted.ivUnsafe(), encrypted.header(), encrypted.dataUnsafe(), CHUNK_SIZE);
    }

    /** Decrypts to a string, rejecting plaintext that is not valid UTF-8. */
    public static String decryptString(byte[] key, EncryptedData encrypted) {
        byte[] plaintext = decrypt(key, encrypted);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(plaintext))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new SecretException(SecretError.MALFORMED_DATA, "the decrypted payload is not UTF-8 text");
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    private static void checkKey(byte[] key) {
        if (key.length != KEY_BYTES) {
            throw new SecretException(SecretError.INVALID_ARGUMENT,
                    "an AES-256-GCM key is 32 bytes, not " + key.length);
        }
    }
}
