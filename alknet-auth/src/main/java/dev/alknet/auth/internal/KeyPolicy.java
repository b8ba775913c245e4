package dev.alknet.auth.internal;

import dev.alknet.auth.KeyFormatException;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Set;

/**
 * Which SSH key types alknet trusts: Ed25519, ECDSA on the NIST curves and RSA of at least 3072 bits (the size
 * NIST SP 800-57 asks for beyond 2030). DSA is gone from OpenSSH 10; FIDO keys need attestation checks we do not do.
 */
public final class KeyPolicy {

    public static final int MIN_RSA_BITS = 3072;
    public static final String ED25519 = "ssh-ed25519";
    public static final String RSA = "ssh-rsa";

    private static final Set<String> ACCEPTED = Set.of(
            ED25519, "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", RSA);
    private static final String ADVICE = "use an Ed25519 key (ssh-keygen -t ed25519)";

    private KeyPolicy() {
    }

    /** Rejects a key type by name alone, before its blob is decoded, so the message names the real problem. */
    public static void checkType(String type) {
        if (ACCEPTED.contains(type)) {
            return;
        }
        if (type.equals("ssh-dss")) {
            throw new KeyFormatException("DSA (ssh-dss) keys are insecure and no longer supported by OpenSSH; " + ADVICE);
        }
        if (type.startsWith("sk-")) {
            throw new KeyFormatException("FIDO security-key (" + LogValues.printable(type) + ") keys are not supported; "
                    + ADVICE);
        }
        if (type.contains("-cert-v01@openssh.com")) {
            throw new KeyFormatException("expected a plain public key but got a certificate ("
                    + LogValues.printable(type) + "); trust its CA with a cert-authority line instead");
        }
        throw new KeyFormatException("unsupported key type '" + LogValues.printable(type) + "'; " + ADVICE
                + ", ECDSA or RSA of at least " + MIN_RSA_BITS + " bits");
    }

    /** Checks what only the decoded key shows: the RSA modulus size. */
    public static void checkKey(String type, PublicKey key) {
        checkType(type);
        if (key instanceof RSAPublicKey rsa && rsa.getModulus().bitLength() < MIN_RSA_BITS) {
            throw new KeyFormatException("RSA key of " + rsa.getModulus().bitLength() + " bits is too weak (at least "
                    + MIN_RSA_BITS + " bits required); " + ADVICE + " or ssh-keygen -t rsa -b 4096");
        }
    }
}
