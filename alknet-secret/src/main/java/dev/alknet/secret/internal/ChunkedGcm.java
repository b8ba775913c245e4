package dev.alknet.secret.internal;

import dev.alknet.secret.SecretError;
import dev.alknet.secret.SecretException;
import java.util.Arrays;

/**
 * A payload as a sequence of AES-GCM chunks of {@code chunkSize} plaintext bytes (the last one shorter,
 * possibly empty when it is the only one). Chunk {@code i} uses the IV with its last four bytes XORed with
 * {@code i}, and authenticates {@code header || i || last}, so reordered, dropped or truncated chunks fail.
 * Small chunks also keep the JDK's GCM intrinsic in play: one huge doFinal runs about 50x slower.
 */
public final class ChunkedGcm {
    private ChunkedGcm() {}

    /** The ciphertext length for {@code plaintextLength} bytes. */
    public static long sealedLength(long plaintextLength, int chunkSize) {
        long chunks = Math.max(1, (plaintextLength + chunkSize - 1) / chunkSize);
        return plaintextLength + chunks * Gcm.TAG_BYTES;
    }

    public static byte[] seal(byte[] key, byte[] iv, byte[] header, byte[] plaintext, int chunkSize) {
        long total = sealedLength(plaintext.length, chunkSize);
        if (total > Integer.MAX_VALUE - 8) {
            throw new SecretException(SecretError.INVALID_ARGUMENT, "the payload is too large for one array");
        }
        byte[] out = new byte[(int) total];
        int chunks = (int) ((total - plaintext.length) / Gcm.TAG_BYTES);
        byte[] aad = aad(header);
        byte[] nonce = iv.clone();
        int at = 0;
        for (int i = 0; i < chunks; i++) {
            int length = Math.min(chunkSize, plaintext.length - i * chunkSize);
            prepare(aad, nonce, iv, i, i == chunks - 1);
            at += Gcm.seal(key, nonce, aad, plaintext, i * chunkSize, length, out, at);
        }
        return out;
    }

    /**
     * @throws SecretException {@link SecretError#MALFORMED_DATA} for a length no sealed payload has,
     *     {@link SecretError#DECRYPTION_FAILED} when a chunk does not verify (nothing is returned then)
     */
    public static byte[] open(byte[] key, byte[] iv, byte[] header, byte[] sealed, int chunkSize) {
        int record = chunkSize + Gcm.TAG_BYTES;
        int chunks = Math.max(1, (sealed.length + record - 1) / record);
        int last = sealed.length - (chunks - 1) * record;
        if (last < Gcm.TAG_BYTES || chunks > 1 && last == Gcm.TAG_BYTES) {
            throw new SecretException(SecretError.MALFORMED_DATA, "the data is " + sealed.length
                    + " bytes, which no sealed payload has: it is truncated or was cut at a chunk boundary");
        }
        byte[] out = new byte[sealed.length - chunks * Gcm.TAG_BYTES];
        byte[] aad = aad(header);
        byte[] nonce = iv.clone();
        for (int i = 0; i < chunks; i++) {
            prepare(aad, nonce, iv, i, i == chunks - 1);
            int length = i == chunks - 1 ? last : record;
            try {
                Gcm.open(key, nonce, aad, sealed, i * record, length, out, i * chunkSize);
            } catch (SecretException e) {
                Bytes.zero(out);
                throw chunks == 1 ? e
                        : new SecretException(e.error(), "chunk " + (i + 1) + " of " + chunks + ": " + e.getMessage());
            }
        }
        return out;
    }

    private static byte[] aad(byte[] header) {
        return Arrays.copyOf(header, header.length + 5);
    }

    private static void prepare(byte[] aad, byte[] nonce, byte[] iv, int index, boolean last) {
        Bytes.putInt(aad, aad.length - 5, index);
        aad[aad.length - 1] = (byte) (last ? 1 : 0);
        System.arraycopy(iv, 0, nonce, 0, nonce.length);
        Bytes.putInt(nonce, nonce.length - 4, Bytes.getInt(iv, nonce.length - 4) ^ index);
    }
}
