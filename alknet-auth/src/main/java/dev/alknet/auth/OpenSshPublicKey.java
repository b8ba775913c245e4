package dev.alknet.auth;

import dev.alknet.auth.internal.KeyPolicy;
import dev.alknet.auth.internal.SshKeyCodec;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;

/**
 * A plain (non-certificate) SSH public key of a type alknet trusts: {@code ssh-ed25519},
 * {@code ecdsa-sha2-nistp256/384/521} or {@code ssh-rsa} of at least 3072 bits.
 *
 * <p>Equality is by the SSH wire blob, compared in constant time; the comment does not take part.
 */
public final class OpenSshPublicKey {

    private final String type;
    private final byte[] blob;
    private final PublicKey publicKey;
    private final String comment;
    private final String fingerprint;

    private OpenSshPublicKey(String type, byte[] blob, PublicKey publicKey, String comment) {
        this.type = type;
        this.blob = blob;
        this.publicKey = publicKey;
        this.comment = comment;
        this.fingerprint = SshKeyCodec.fingerprint(blob);
    }

    /**
     * Parses a public key line as in a {@code .pub} file: {@code type base64 [comment]}.
     *
     * @throws KeyFormatException when the line is malformed, carries options, holds a certificate or a key type
     *     alknet does not accept
     */
    public static OpenSshPublicKey parse(String line) {
        return fromEntry(SshKeyCodec.parseBareLine(Objects.requireNonNull(line, "line"), "public key"));
    }

    /**
     * Decodes the SSH wire encoding of a key.
     *
     * @throws KeyFormatException when the blob is malformed, not canonical or of a rejected type
     */
    public static OpenSshPublicKey fromBlob(byte[] blob) {
        byte[] copy = blob.clone();
        String type = SshKeyCodec.blobType(copy);
        KeyPolicy.checkType(type);
        PublicKey key = SshKeyCodec.decodeCanonical(copy);
        KeyPolicy.checkKey(type, key);
        return new OpenSshPublicKey(type, copy, key, "");
    }

    /**
     * Wraps a JCA key, e.g. the one MINA hands to a server's public key authenticator.
     *
     * @throws KeyFormatException when the key is of a rejected type or size, or a certificate
     */
    public static OpenSshPublicKey of(PublicKey key) {
        return fromBlob(SshKeyCodec.encode(Objects.requireNonNull(key, "key")));
    }

    /** Builds a key from a parsed authorized_keys entry, whose options the caller handles. */
    static OpenSshPublicKey fromEntry(AuthorizedKeyEntry entry) {
        String type = entry.getKeyType();
        KeyPolicy.checkType(type);
        OpenSshPublicKey key = fromBlob(entry.getKeyData());
        if (!key.type.equals(type)) {
            throw new KeyFormatException("the line says " + type + " but the key data holds a " + key.type + " key");
        }
        String comment = entry.getComment();
        return comment == null ? key : key.withComment(comment);
    }

    /** The SSH key type name, e.g. {@code ssh-ed25519}. */
    public String type() {
        return type;
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    /** The SSH wire encoding (a copy). */
    public byte[] blob() {
        return blob.clone();
    }

    /** The comment after the key, empty when there is none. */
    public String comment() {
        return comment;
    }

    /** The OpenSSH SHA-256 fingerprint, as {@code ssh-keygen -lf} prints it: {@code SHA256:} + unpadded base64. */
    public String fingerprint() {
        return fingerprint;
    }

    public OpenSshPublicKey withComment(String newComment) {
        String trimmed = Objects.requireNonNull(newComment, "comment").strip();
        if (trimmed.indexOf('\n') >= 0 || trimmed.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("a key comment must be a single line");
        }
        return new OpenSshPublicKey(type, blob, publicKey, trimmed);
    }

    /** The {@code .pub} line: {@code type base64 [comment]}, without a line break. */
    public String toLine() {
        String encoded = type + " " + Base64.getEncoder().encodeToString(blob);
        return comment.isEmpty() ? encoded : encoded + " " + comment;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OpenSshPublicKey other && MessageDigest.isEqual(blob, other.blob);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(blob);
    }

    @Override
    public String toString() {
        return type + " " + fingerprint;
    }
}
