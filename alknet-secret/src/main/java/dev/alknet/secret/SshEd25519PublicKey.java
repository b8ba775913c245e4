package dev.alknet.secret;

import dev.alknet.secret.internal.SshWire;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/**
 * An Ed25519 public key in OpenSSH form, so a derived identity or host key can be used by SSH peers:
 * the RFC 8709 wire blob, the {@code authorized_keys} line and the {@code ssh-keygen -l} fingerprint.
 */
public final class SshEd25519PublicKey {
    public static final String KEY_TYPE = "ssh-ed25519";
    private final byte[] key;

    /** {@code key} is the 32-byte RFC 8032 public key. */
    public SshEd25519PublicKey(byte[] key) {
        if (key.length != 32) {
            throw new SecretException(SecretError.INVALID_ARGUMENT,
                    "an Ed25519 public key is 32 bytes, not " + key.length);
        }
        this.key = key.clone();
    }

    /** The key of a derived ed25519 {@link ExtendedKey} (dropping SLIP-0010's 0x00 prefix). */
    public static SshEd25519PublicKey of(ExtendedKey ed25519Key) {
        if (ed25519Key.curve() != Curve.ED25519) {
            throw new SecretException(SecretError.INVALID_ARGUMENT,
                    "an ssh-ed25519 key needs an ed25519 key, not " + ed25519Key.curve());
        }
        return new SshEd25519PublicKey(Arrays.copyOfRange(ed25519Key.publicKey(), 1, 33));
    }

    public byte[] key() {
        return key.clone();
    }

    /** The SSH wire encoding: string "ssh-ed25519" followed by string key (RFC 8709 §4). */
    public byte[] blob() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(51);
        SshWire.writeString(out, KEY_TYPE.getBytes(StandardCharsets.US_ASCII));
        SshWire.writeString(out, key);
        return out.toByteArray();
    }

    /** {@code ssh-ed25519 AAAA… comment}, as in {@code authorized_keys}; a blank comment is left out. */
    public String line(String comment) {
        SshWire.checkComment(comment);
        String base = KEY_TYPE + " " + Base64.getEncoder().encodeToString(blob());
        return comment.isBlank() ? base : base + " " + comment.strip();
    }

    /** {@code SHA256:} and the unpadded base64 SHA-256 of the blob, as {@code ssh-keygen -l} prints it. */
    public String fingerprint() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(blob());
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SshEd25519PublicKey that && Arrays.equals(key, that.key);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(key);
    }

    @Override
    public String toString() {
        return line("");
    }
}
