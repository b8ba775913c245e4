package dev.alknet.core.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Files and texts the config tests share. */
final class ConfigFixtures {

    static final String ALICE = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFakeKeyForTestsOnlyAliceAAAAAAAAAAAAAAAA alice@laptop";
    static final String BOB = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFakeKeyForTestsOnlyBobAAAAAAAAAAAAAAAAAA bob@desk";
    static final String CA = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFakeKeyForTestsOnlyCaAAAAAAAAAAAAAAAAAAA ops CA";

    private ConfigFixtures() {
    }

    static Path write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The spec's example config with {@code /etc/alknet/} moved to {@code etc}, where the certificate, its key
     * and the host key it names are created.
     */
    static String specExample(Path etc) {
        write(etc.resolve("tls/cert.pem"), "certificate\n");
        write(etc.resolve("tls/key.pem"), "key\n");
        write(etc.resolve("ssh/host_key"), "host key\n");
        return resource("spec-example.toml").replace("/etc/alknet/", etc.toString().replace('\\', '/') + "/");
    }

    static String resource(String name) {
        try (InputStream in = ConfigFixtures.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
