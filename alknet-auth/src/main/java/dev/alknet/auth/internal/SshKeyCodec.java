package dev.alknet.auth.internal;

import dev.alknet.auth.KeyFormatException;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Base64;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;

/**
 * The SSH wire encoding of public keys and certificates, delegated to MINA's decoders. What MINA leaves out is
 * added here: MINA ignores bytes after the key and accepts non-canonical encodings, so a decoded key must
 * re-encode to exactly the bytes it came from (otherwise two blobs for one key would get two fingerprints).
 */
public final class SshKeyCodec {

    /** Far beyond a 16384-bit RSA key with options; MINA's option parser recurses once per word of a line. */
    public static final int MAX_LINE_LENGTH = 16 * 1024;

    private SshKeyCodec() {
    }

    /** Parses one {@code [options] type base64 [comment]} line with MINA; {@code null} for blank and comment lines. */
    public static AuthorizedKeyEntry parseLine(String line) {
        if (line.length() > MAX_LINE_LENGTH) {
            throw new KeyFormatException("line is longer than " + MAX_LINE_LENGTH + " characters");
        }
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
            return null;
        }
        AuthorizedKeyEntry entry;
        try {
            entry = AuthorizedKeyEntry.parseAuthorizedKeyEntry(line);
        } catch (RuntimeException e) {
            throw new KeyFormatException("malformed key line: " + describe(e));
        }
        if (entry == null) {
            // MINA also trims control characters, so it can see nothing where the line holds something.
            throw new KeyFormatException("no key on the line, only control characters");
        }
        return entry;
    }

    /**
     * Parses a {@code type base64 [comment]} line as in a {@code .pub} file, which carries no options.
     *
     * @param what names the expected content in messages ("public key", "certificate")
     */
    public static AuthorizedKeyEntry parseBareLine(String line, String what) {
        AuthorizedKeyEntry entry = parseLine(line);
        if (entry == null) {
            throw new KeyFormatException("no " + what + ": the line is empty or a comment");
        }
        if (!entry.getLoginOptions().isEmpty()) {
            throw new KeyFormatException("a " + what + " line cannot carry options (those belong in authorized_keys)");
        }
        return entry;
    }

    /** The key type named inside a blob (its first SSH string). */
    public static String blobType(byte[] blob) {
        try {
            return new ByteArrayBuffer(blob).getString();
        } catch (RuntimeException e) {
            throw new KeyFormatException("key data does not start with a key type: " + describe(e));
        }
    }

    /** Decodes a public key or certificate blob with MINA. */
    public static PublicKey decode(byte[] blob) {
        Buffer buffer = new ByteArrayBuffer(blob);
        PublicKey key;
        try {
            key = buffer.getRawPublicKey();
        } catch (Exception e) {
            throw new KeyFormatException("cannot decode " + LogValues.printable(blobTypeOrUnknown(blob))
                    + " key data: " + describe(e));
        }
        if (key == null) {
            throw new KeyFormatException("cannot decode key data of type " + LogValues.printable(blobTypeOrUnknown(blob)));
        }
        if (buffer.available() > 0) {
            throw new KeyFormatException("key data has " + buffer.available() + " unexpected trailing bytes");
        }
        return key;
    }

    /** Decodes a plain public key and checks that its encoding is canonical. */
    public static PublicKey decodeCanonical(byte[] blob) {
        PublicKey key = decode(blob);
        if (!Arrays.equals(encode(key), blob)) {
            throw new KeyFormatException("key data is not in canonical SSH encoding");
        }
        return key;
    }

    public static byte[] encode(PublicKey key) {
        ByteArrayBuffer buffer = new ByteArrayBuffer();
        try {
            buffer.putRawPublicKey(key);
        } catch (RuntimeException e) {
            throw new KeyFormatException("cannot encode " + key.getAlgorithm() + " key in SSH format: " + describe(e));
        }
        return buffer.getCompactData();
    }

    /** The OpenSSH fingerprint: {@code SHA256:} and the unpadded base64 of the SHA-256 of the blob. */
    public static String fingerprint(byte[] blob) {
        return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(Digests.sha256(blob));
    }

    private static String blobTypeOrUnknown(byte[] blob) {
        try {
            return blobType(blob);
        } catch (KeyFormatException e) {
            return "unknown";
        }
    }

    /** MINA's messages can be empty or quote the whole input; keep them short and printable. */
    private static String describe(Exception e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : LogValues.printable(message);
    }
}
