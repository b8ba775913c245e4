package dev.alknet.transport;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The SHA-256 of a server certificate's DER encoding, which a client trusts instead of a CA. Written either as
 * 64 hex digits (colons allowed, as {@code openssl x509 -fingerprint -sha256} prints them) or as
 * {@code sha256/<base64>}.
 */
public final class CertificatePin {

    private static final String PREFIX = "sha256/";

    private final byte[] sha256;

    private CertificatePin(byte[] sha256) {
        this.sha256 = sha256;
    }

    /** @throws IllegalArgumentException saying which forms are accepted */
    public static CertificatePin parse(String text) {
        String trimmed = text.strip();
        byte[] digest;
        try {
            if (trimmed.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
                digest = Base64.getDecoder().decode(trimmed.substring(PREFIX.length()));
            } else {
                digest = HexFormat.of().parseHex(trimmed.replace(":", "").toLowerCase(Locale.ROOT));
            }
        } catch (IllegalArgumentException e) {
            digest = new byte[0];
        }
        if (digest.length != 32) {
            throw new IllegalArgumentException("certificate pin '" + text + "' is not a SHA-256: give 64 hex "
                    + "digits (colons allowed) or sha256/<base64>");
        }
        return new CertificatePin(digest);
    }

    /** The pin of {@code certificate}. */
    public static CertificatePin of(X509Certificate certificate) {
        try {
            return new CertificatePin(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (CertificateEncodingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot encode certificate", e);
        }
    }

    public boolean matches(X509Certificate certificate) {
        return equals(of(certificate));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CertificatePin pin && MessageDigest.isEqual(sha256, pin.sha256);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(sha256);
    }

    /** The {@code sha256/<base64>} form. */
    @Override
    public String toString() {
        return PREFIX + Base64.getEncoder().encodeToString(sha256);
    }
}
