package dev.alknet.storage.internal;

import dev.alknet.storage.StorageException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;

/**
 * OpenSSH public key lines as storage keeps them: {@code type base64 [comment]}. Storage has no dependency on
 * alknet-auth, so this reads just enough of the SSH wire format to check the key and to compute its fingerprint
 * and (for Ed25519) its token key id, both exactly as alknet-auth does.
 */
public final class SshPublicKeys {

    /** A checked key line. {@code tokenKeyId} is {@code null} unless the key is Ed25519 (only those sign tokens). */
    public record ParsedKey(String type, byte[] rawEd25519, String fingerprint, String tokenKeyId, String line) {
    }

    static final String ED25519 = "ssh-ed25519";
    private static final Set<String> OTHER_TYPES = Set.of("ssh-rsa", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384",
            "ecdsa-sha2-nistp521", "sk-ssh-ed25519@openssh.com", "sk-ecdsa-sha2-nistp256@openssh.com");
    private static final int MAX_LINE = 16 * 1024;

    private SshPublicKeys() {
    }

    /** @throws StorageException INVALID saying what is wrong; the line itself is not repeated */
    public static ParsedKey parse(String line) {
        if (line == null || line.isBlank()) {
            throw invalid("public key line is empty");
        }
        if (line.length() > MAX_LINE) {
            throw invalid("public key line is " + line.length() + " characters long, more than " + MAX_LINE);
        }
        if (line.contains("PRIVATE KEY")) {
            throw invalid("this is a private key; give the public key line (ssh-ed25519 AAAA... comment)");
        }
        String[] parts = line.strip().split("[ \t]+", 3);
        String type = parts[0];
        if (type.endsWith("-cert-v01@openssh.com")) {
            throw invalid("certificates are not stored; store the key of their CA as a cert_authority credential");
        }
        if (!type.equals(ED25519) && !OTHER_TYPES.contains(type)) {
            throw invalid("public key type must be one of ssh-ed25519, " + String.join(", ", OTHER_TYPES.stream()
                    .sorted().toList()) + " (authorized_keys options are not stored); the line starts with "
                    + "something else");
        }
        if (parts.length < 2) {
            throw invalid("public key line has a type but no base64 key");
        }
        byte[] blob;
        try {
            blob = Base64.getDecoder().decode(parts[1]);
        } catch (IllegalArgumentException e) {
            throw invalid("public key is not valid base64: " + e.getMessage());
        }
        byte[] raw = checkBlob(type, blob);
        String comment = parts.length == 3 ? parts[2].strip() : "";
        if (Text.unstorable(comment) != null || comment.chars().anyMatch(Character::isISOControl)) {
            throw invalid("public key comment must be printable text");
        }
        String canonical = type + " " + Base64.getEncoder().encodeToString(blob) + (comment.isEmpty() ? ""
                : " " + comment);
        return new ParsedKey(type, raw, fingerprint(blob), raw == null ? null : tokenKeyId(raw), canonical);
    }

    /** The hex key id a token names: SHA-256 of the raw 32-byte Ed25519 key. */
    public static String tokenKeyId(byte[] rawEd25519) {
        return HexFormat.of().formatHex(sha256(rawEd25519));
    }

    /** The raw key of an Ed25519 blob, or {@code null} for other types; checks the blob's framing either way. */
    private static byte[] checkBlob(String type, byte[] blob) {
        ByteBuffer in = ByteBuffer.wrap(blob);
        byte[] blobType = readString(in, "key type");
        if (!Arrays.equals(blobType, type.getBytes(StandardCharsets.US_ASCII))) {
            throw invalid("public key data is not a " + type + " key (the line's type and the key disagree)");
        }
        if (!type.equals(ED25519)) {
            if (!in.hasRemaining()) {
                throw invalid("public key data of " + type + " is truncated");
            }
            return null;
        }
        byte[] raw = readString(in, "Ed25519 key");
        if (raw.length != 32 || in.hasRemaining()) {
            throw invalid("an ssh-ed25519 key holds exactly 32 key bytes");
        }
        return raw;
    }

    private static byte[] readString(ByteBuffer in, String what) {
        if (in.remaining() < 4) {
            throw invalid("public key data is truncated before its " + what);
        }
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
            throw invalid("public key data is truncated inside its " + what);
        }
        byte[] out = new byte[length];
        in.get(out);
        return out;
    }

    private static String fingerprint(byte[] blob) {
        return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(sha256(blob));
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static StorageException invalid(String message) {
        return new StorageException(StorageException.Kind.INVALID, message);
    }
}
