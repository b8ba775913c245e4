package dev.alknet.secret.internal;

import dev.alknet.secret.SecretError;
import dev.alknet.secret.SecretException;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-GCM with a 96-bit IV and a 128-bit tag on the JDK's provider (SunJCE is AES-NI accelerated, about 40x
 * BouncyCastle's pure-Java AES). One Cipher per thread: {@code Cipher.getInstance} costs more than encrypting
 * a small message.
 */
public final class Gcm {
    public static final int IV_BYTES = 12;
    public static final int TAG_BYTES = 16;
    private static final ThreadLocal<Cipher> CIPHER = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no AES/GCM/NoPadding", e);
        }
    });

    private Gcm() {}

    /** Encrypts {@code length} bytes of {@code in} into {@code out} (ciphertext then tag); returns bytes written. */
    public static int seal(byte[] key, byte[] iv, byte[] aad, byte[] in, int offset, int length, byte[] out,
            int outOffset) {
        Cipher cipher = init(Cipher.ENCRYPT_MODE, key, iv, aad);
        try {
            return cipher.doFinal(in, offset, length, out, outOffset);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    public static byte[] seal(byte[] key, byte[] iv, byte[] aad, byte[] plaintext) {
        byte[] out = new byte[plaintext.length + TAG_BYTES];
        seal(key, iv, aad, plaintext, 0, plaintext.length, out, 0);
        return out;
    }

    /**
     * Decrypts and verifies ciphertext-then-tag into {@code out}; returns the plaintext length.
     *
     * @throws SecretException {@link SecretError#DECRYPTION_FAILED} when the tag does not verify
     */
    public static int open(byte[] key, byte[] iv, byte[] aad, byte[] in, int offset, int length, byte[] out,
            int outOffset) {
        if (length < TAG_BYTES) {
            throw new SecretException(SecretError.MALFORMED_DATA,
                    "AES-GCM ciphertext is at least the 16-byte tag, got " + length + " bytes");
        }
        Cipher cipher = init(Cipher.DECRYPT_MODE, key, iv, aad);
        try {
            return cipher.doFinal(in, offset, length, out, outOffset);
        } catch (AEADBadTagException e) {
            throw new SecretException(SecretError.DECRYPTION_FAILED,
                    "authentication failed: wrong key, wrong key version or tampered data");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM decryption failed", e);
        }
    }

    public static byte[] open(byte[] key, byte[] iv, byte[] aad, byte[] ciphertext) {
        byte[] out = new byte[Math.max(0, ciphertext.length - TAG_BYTES)];
        open(key, iv, aad, ciphertext, 0, ciphertext.length, out, 0);
        return out;
    }

    private static Cipher init(int mode, byte[] key, byte[] iv, byte[] aad) {
        if (key.length != 16 && key.length != 24 && key.length != 32) {
            throw new SecretException(SecretError.INVALID_ARGUMENT,
                    "an AES key is 16, 24 or 32 bytes, not " + key.length);
        }
        if (iv.length != IV_BYTES) {
            throw new SecretException(SecretError.INVALID_ARGUMENT,
                    "the AES-GCM IV is 12 bytes, not " + iv.length);
        }
        Cipher cipher = CIPHER.get();
        try {
            cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BYTES * 8, iv));
        } catch (InvalidAlgorithmParameterException e) {
            throw new IllegalStateException("the JDK refused this key and IV: an IV is never reused with a key", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM init failed", e);
        }
        if (aad.length > 0) {
            cipher.updateAAD(aad);
        }
        return cipher;
    }
}
