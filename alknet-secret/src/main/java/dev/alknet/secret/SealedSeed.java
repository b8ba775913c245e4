package dev.alknet.secret;

import dev.alknet.secret.internal.Bytes;
import dev.alknet.secret.internal.Gcm;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.Arrays;
import org.bouncycastle.crypto.generators.SCrypt;

/**
 * A BIP39 seed sealed under a passphrase, so a host can unlock at start without the mnemonic.
 *
 * <p>Format: {@code "AKSS" 0x01 | u8 log2(N) | u8 r | u8 p | salt[16] | iv[12] | AES-256-GCM(seed) with tag},
 * the key being scrypt(UTF-8 NFKD passphrase, salt, N, r, p, 32 bytes) and everything before the ciphertext
 * authenticated as AAD. Defaults N = 2^17, r = 8, p = 1 (128 MiB, age's choice of order); opening accepts
 * N up to 2^20 and r·p up to 64 so a crafted file cannot demand unbounded memory or time.
 */
public final class SealedSeed {
    /** scrypt cost parameters. */
    public record Params(int log2N, int r, int p) {
        public static final Params DEFAULT = new Params(17, 8, 1);

        public Params {
            if (log2N < 10 || log2N > 20 || r < 1 || p < 1 || r * p > 64) {
                throw new SecretException(SecretError.INVALID_ARGUMENT, "scrypt parameters out of range: log2(N) "
                        + log2N + " (10..20), r " + r + ", p " + p + " (r·p at most 64)");
            }
        }
    }

    private static final byte[] MAGIC = {'A', 'K', 'S', 'S', 1};
    private static final int SALT_BYTES = 16;
    private static final int HEADER_BYTES = MAGIC.length + 3 + SALT_BYTES + Gcm.IV_BYTES;
    private static final SecureRandom RANDOM = new SecureRandom();

    private SealedSeed() {}

    public static byte[] seal(byte[] seed, char[] passphrase, Params params) {
        if (seed.length < 16 || seed.length > 64) {
            throw new SecretException(SecretError.INVALID_ARGUMENT, "a seed is 16 to 64 bytes, not " + seed.length);
        }
        byte[] header = new byte[HEADER_BYTES];
        System.arraycopy(MAGIC, 0, header, 0, MAGIC.length);
        header[MAGIC.length] = (byte) params.log2N();
        header[MAGIC.length + 1] = (byte) params.r();
        header[MAGIC.length + 2] = (byte) params.p();
        byte[] random = new byte[SALT_BYTES + Gcm.IV_BYTES];
        RANDOM.nextBytes(random);
        System.arraycopy(random, 0, header, MAGIC.length + 3, random.length);
        byte[] key = key(passphrase, header, params);
        try {
            return Bytes.concat(header, Gcm.seal(key, iv(header), header, seed));
        } finally {
            Bytes.zero(key);
        }
    }

    /**
     * @throws SecretException {@link SecretError#MALFORMED_DATA} for something that is not a sealed seed,
     *     {@link SecretError#DECRYPTION_FAILED} for a wrong passphrase or a modified file
     */
    public static byte[] open(byte[] sealed, char[] passphrase) {
        if (sealed.length < HEADER_BYTES + 16 + Gcm.TAG_BYTES
                || !Arrays.equals(sealed, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new SecretException(SecretError.MALFORMED_DATA, "not a sealed seed (format \"AKSS\" 1)");
        }
        Params params;
        try {
            params = new Params(sealed[MAGIC.length], sealed[MAGIC.length + 1], sealed[MAGIC.length + 2]);
        } catch (SecretException e) {
            throw new SecretException(SecretError.MALFORMED_DATA, "sealed seed header: " + e.getMessage());
        }
        byte[] header = Arrays.copyOf(sealed, HEADER_BYTES);
        byte[] key = key(passphrase, header, params);
        try {
            return Gcm.open(key, iv(header), header, Arrays.copyOfRange(sealed, HEADER_BYTES, sealed.length));
        } catch (SecretException e) {
            throw new SecretException(SecretError.DECRYPTION_FAILED,
                    "cannot open the sealed seed: wrong passphrase or a modified file");
        } finally {
            Bytes.zero(key);
        }
    }

    /** Seals {@code seed} into {@code file}, readable by its owner only where the file system allows. */
    public static void write(Path file, byte[] seed, char[] passphrase, Params params) throws IOException {
        byte[] sealed = seal(seed, passphrase, params);
        Path dir = file.toAbsolutePath().getParent();
        Path temp = Files.createTempFile(dir, ".seed", ".tmp");
        try {
            if (Files.getFileAttributeView(temp, PosixFileAttributeView.class) != null) {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
            }
            Files.write(temp, sealed);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    public static byte[] read(Path file, char[] passphrase) throws IOException {
        return open(Files.readAllBytes(file), passphrase);
    }

    private static byte[] key(char[] passphrase, byte[] header, Params params) {
        String normalised = Normalizer.normalize(CharBuffer.wrap(passphrase), Normalizer.Form.NFKD);
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(normalised);
        byte[] password = new byte[encoded.remaining()];
        encoded.get(password);
        Arrays.fill(encoded.array(), (byte) 0);
        byte[] salt = Arrays.copyOfRange(header, MAGIC.length + 3, MAGIC.length + 3 + SALT_BYTES);
        try {
            return SCrypt.generate(password, salt, 1 << params.log2N(), params.r(), params.p(), 32);
        } finally {
            Bytes.zero(password);
        }
    }

    private static byte[] iv(byte[] header) {
        return Arrays.copyOfRange(header, MAGIC.length + 3 + SALT_BYTES, HEADER_BYTES);
    }
}
