package dev.alknet.auth;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** Key and certificate files made by {@code keys/regenerate.sh} with ssh-keygen. */
final class Fixtures {

    /** Inside the validity window of the {@code cert-*} fixtures (2026). */
    static final Instant NOW = Instant.parse("2026-11-21T05:12:44Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    static final String USER_FINGERPRINT = "SHA256:hMjeL0XvPjaVubDLAUdh0jhyWwTJYd6mqh9tBMffQFk";
    static final String CA_FINGERPRINT = "SHA256:Glt5TeUWpmIBMm2X5+iKRqvymj6JJH56BJi6NO3oza8";

    private Fixtures() {
    }

    static InetAddress address(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static byte[] bytes(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("keys/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture keys/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(String name) {
        return new String(bytes(name), StandardCharsets.UTF_8).strip();
    }

    static OpenSshPublicKey publicKey(String name) {
        return OpenSshPublicKey.parse(text(name));
    }

    static SshCertificate certificate(String name) {
        return SshCertificate.parse(text(name));
    }
}
