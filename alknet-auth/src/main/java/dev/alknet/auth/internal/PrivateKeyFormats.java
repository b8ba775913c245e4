package dev.alknet.auth.internal;

import dev.alknet.auth.KeyFormatException;

/**
 * Recognises private key files alknet does not read and says how to convert them. Only the PEM armour line is
 * looked at, so no key material reaches a message.
 */
public final class PrivateKeyFormats {

    public static final String OPENSSH_BEGIN = "-----BEGIN OPENSSH PRIVATE KEY-----";

    private static final String CONVERT = "alknet reads OpenSSH-format private keys only; convert this one in place "
            + "with `ssh-keygen -p -m RFC4716 -f <keyfile>` (it rewrites the file in OpenSSH format) or create a new "
            + "key with `ssh-keygen -t ed25519`";

    private PrivateKeyFormats() {
    }

    /**
     * Throws unless the text contains an OpenSSH private key armour.
     *
     * @param text the file contents; only ASCII armour lines are compared
     */
    public static void requireOpenSsh(byte[] text) {
        String head = asciiHead(text);
        if (head.contains(OPENSSH_BEGIN)) {
            return;
        }
        if (head.contains("-----BEGIN RSA PRIVATE KEY-----")) {
            throw rejected("a PEM PKCS#1 RSA private key (BEGIN RSA PRIVATE KEY)");
        }
        if (head.contains("-----BEGIN EC PRIVATE KEY-----")) {
            throw rejected("a PEM EC private key (BEGIN EC PRIVATE KEY)");
        }
        if (head.contains("-----BEGIN DSA PRIVATE KEY-----")) {
            throw new KeyFormatException("this is a PEM DSA private key; DSA keys are no longer supported, create a "
                    + "new key with `ssh-keygen -t ed25519`");
        }
        if (head.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----")) {
            throw rejected("an encrypted PEM PKCS#8 private key (BEGIN ENCRYPTED PRIVATE KEY)");
        }
        if (head.contains("-----BEGIN PRIVATE KEY-----")) {
            throw rejected("a PEM PKCS#8 private key (BEGIN PRIVATE KEY)");
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

    private static KeyFormatException rejected(String what) {
        return new KeyFormatException("this is " + what + "; " + CONVERT);
    }

    /** The start of the file as text, with anything that is not printable ASCII dropped. */
    private static String asciiHead(byte[] text) {
        int length = Math.min(text.length, 4096);
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            int b = text[i] & 0xff;
            if (b >= 0x20 && b < 0x7f || b == '\n') {
                out.append((char) b);
            }
        }
        return out.toString().stripLeading();
    }

}
