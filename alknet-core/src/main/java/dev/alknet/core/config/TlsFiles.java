package dev.alknet.core.config;

import java.nio.file.Path;

/**
 * The certificate chain and private key a TLS listener presents, as PEM file paths. Only the paths live in
 * the config: the transport reads the files when it binds, so the key never sits in a config object.
 */
public record TlsFiles(Path cert, Path key) {

    /** @throws ConfigException at key {@code cert} or {@code key} when either is missing */
    public TlsFiles {
        if (cert == null) {
            throw new ConfigException("cert", "missing: TLS needs both cert and key");
        }
        if (key == null) {
            throw new ConfigException("key", "missing: TLS needs both cert and key");
        }
    }
}
