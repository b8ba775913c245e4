package dev.alknet.auth.internal;

import dev.alknet.auth.KeyFormatException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

/**
 * Recognises private key files alknet does not read and says how to convert them, and checks the header of the
 * ones it does read. Only the armour line and the unencrypted header are looked at, no key material reaches a
 * message, and the decoded header bytes are zeroed.
 */
public final class PrivateKeyFormats {

    private static final String OPENSSH_BEGIN = "-----BEGIN OPENSSH PRIVATE KEY-----";
    private static final byte[] MAGIC = "openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII);
    /** Enough for the magic, cipher, KDF, KDF options and key count of any file OpenSSH writes. */
    private static final int HEADER_BASE64_CHARS = 256;
    /** The armour line is the first line; leave room for leading blank lines. */
    private static final int ARMOUR_SCAN_BYTES = 100;

    /** PEM armour lines of keys ssh-keygen can rewrite in OpenSSH format, and how to name them. */
    private static final Map<String, String> CONVERTIBLE_PEM = Map.of(
            "-----BEGIN RSA PRIVATE KEY-----", "a PEM PKCS#1 RSA private key (BEGIN RSA PRIVATE KEY)",
            "-----BEGIN EC PRIVATE KEY-----", "a PEM EC private key (BEGIN EC PRIVATE KEY)",
            "-----BEGIN ENCRYPTED PRIVATE KEY-----", "an encrypted PEM PKCS#8 private key (BEGIN ENCRYPTED PRIVATE KEY)",
            "-----BEGIN PRIVATE KEY-----", "a PEM PKCS#8 private key (BEGIN PRIVATE KEY)");
    private static final String CONVERT = "alknet reads OpenSSH-format private keys only; convert this one in place "
            + "with `ssh-keygen -p -m RFC4716 -f <keyfile>` (it rewrites the file in OpenSSH format) or create a new "
            + "key with `ssh-keygen -t ed25519`";

    private PrivateKeyFormats() {
    }

    /**
     * Throws unless the text is an unencrypted single-key OpenSSH private key file, as far as its header shows.
     *
     * @param text the file contents, left unchanged
     */
    public static void requireOpenSsh(byte[] text) {
        String head = armourHead(text);
        if (head.contains(OPENSSH_BEGIN)) {
            checkOpenSshHeader(text, indexOf(text, OPENSSH_BEGIN) + OPENSSH_BEGIN.length());
            return;
        }
        for (Map.Entry<String, String> pem : CONVERTIBLE_PEM.entrySet()) {
            if (head.contains(pem.getKey())) {
                throw new KeyFormatException("this is " + pem.getValue() + "; " + CONVERT);
            }
        }
        if (head.contains("-----BEGIN DSA PRIVATE KEY-----")) {
            throw new KeyFormatException("this is a PEM DSA private key; DSA keys are no longer supported, create a "
                    + "new key with `ssh-keygen -t ed25519`");
        }
        if (head.contains("PuTTY-User-Key-File")) {
            throw new KeyFormatException("this is a PuTTY private key; export it in OpenSSH format with "
                    + "`puttygen key.ppk -O private-openssh-new -o <keyfile>`");
        }
        if (head.startsWith("ssh-") || head.startsWith("ecdsa-") || head.startsWith("sk-")) {
            throw new KeyFormatException("this is a public key; pass the private key file (without .pub)");
        }
        throw new KeyFormatException("not an OpenSSH private key (no " + OPENSSH_BEGIN + " line); " + CONVERT);
    }

    /**
     * Checks the {@code openssh-key-v1} header before MINA reads the file: MINA sizes a list by the key count it
     * finds there (a corrupt count exhausts the heap) and reports encryption only as a failed login.
     */
    private static void checkOpenSshHeader(byte[] text, int bodyStart) {
        byte[] base64 = new byte[HEADER_BASE64_CHARS];
        int length = 0;
        for (int i = bodyStart; i < text.length && length < base64.length && text[i] != '-'; i++) {
            if (text[i] != '\n' && text[i] != '\r' && text[i] != ' ') {
                base64[length++] = text[i];
            }
        }
        byte[] header = null;
        try {
            header = Base64.getDecoder().decode(Arrays.copyOf(base64, length - length % 4));
            ByteBuffer in = ByteBuffer.wrap(header);
            byte[] magic = new byte[MAGIC.length];
            in.get(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new KeyFormatException("malformed OpenSSH private key: no openssh-key-v1 header");
            }
            String cipher = sshString(in);
            sshString(in);
            sshString(in);
            int keys = in.getInt();
            if (!cipher.equals("none")) {
                throw new KeyFormatException("the OpenSSH private key is protected by a passphrase; alknet needs an "
                        + "unencrypted key (remove the passphrase with `ssh-keygen -p -N '' -f <keyfile>`) or the key "
                        + "held by an ssh-agent");
            }
            if (keys != 1) {
                throw new KeyFormatException("an OpenSSH private key file must hold exactly one key, this one says "
                        + Integer.toUnsignedString(keys));
            }
        } catch (BufferUnderflowException e) {
            throw new KeyFormatException("malformed OpenSSH private key: the header is truncated");
        } catch (KeyFormatException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new KeyFormatException("malformed OpenSSH private key: the body is not base64");
        } finally {
            Arrays.fill(base64, (byte) 0);
            if (header != null) {
                Arrays.fill(header, (byte) 0);
            }
        }
    }

    private static String sshString(ByteBuffer in) {
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
            throw new BufferUnderflowException();
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    /** The first bytes of the file as text, without anything that is not printable ASCII. */
    private static String armourHead(byte[] text) {
        int length = Math.min(text.length, ARMOUR_SCAN_BYTES);
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            int b = text[i] & 0xff;
            if (b >= 0x20 && b < 0x7f || b == '\n') {
                out.append((char) b);
            }
        }
        return out.toString().stripLeading();
    }

    private static int indexOf(byte[] text, String marker) {
        byte[] needle = marker.getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i + needle.length <= text.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (text[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new KeyFormatException("malformed OpenSSH private key: armour line not found");
    }
}
