package dev.alknet.transport;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How a TLS client checks the server: against the system trust store (the default), a CA file, pinned
 * certificates, or not at all ({@link Builder#insecure()}). Immutable; {@link ClientTls#create} turns it into
 * a reusable context.
 *
 * <p>With a CA (system or file) the certificate chain and, unless switched off, the host name are verified;
 * the host name checked is {@link #serverName()} when set, else the host connected to. With pins the server's
 * leaf certificate must hash to one of them and nothing else is checked: the pin names the exact certificate,
 * so its names and dates do not matter (like an SSH host key). The SNI name sent is the server name when set,
 * else the host when it is a name rather than an IP address.
 */
public final class TlsClientSettings {

    /** Where trust comes from. */
    public enum Trust {
        SYSTEM, CA_FILE, PINNED, INSECURE
    }

    private final Trust trust;
    private final Path caFile;
    private final Set<CertificatePin> pins;
    private final String serverName;
    private final boolean hostnameVerification;

    private TlsClientSettings(Builder b) {
        this.trust = b.trust;
        this.caFile = b.caFile;
        this.pins = Set.copyOf(b.pins);
        this.serverName = b.serverName;
        this.hostnameVerification = b.hostnameVerification;
    }

    /** System trust store, host name verification on, SNI from the host connected to. */
    public static TlsClientSettings defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Trust trust() {
        return trust;
    }

    /** The CA file, present for {@link Trust#CA_FILE}. */
    public Optional<Path> caFile() {
        return Optional.ofNullable(caFile);
    }

    /** The pins, non-empty for {@link Trust#PINNED}. */
    public Set<CertificatePin> pins() {
        return pins;
    }

    /** The name for SNI and host name verification instead of the host connected to. */
    public Optional<String> serverName() {
        return Optional.ofNullable(serverName);
    }

    /** Whether the host name is checked; only meaningful with a CA. */
    public boolean hostnameVerification() {
        return hostnameVerification;
    }

    /** Collects settings; the last trust choice wins, except that pins add up. */
    public static final class Builder {

        private Trust trust = Trust.SYSTEM;
        private Path caFile;
        private final Set<CertificatePin> pins = new LinkedHashSet<>();
        private String serverName;
        private boolean hostnameVerification = true;

        private Builder() {
        }

        /** Trust the JDK's default trust store (the default). */
        public Builder trustSystem() {
            return trust(Trust.SYSTEM);
        }

        /** Trust only the CA certificates in this PEM file. */
        public Builder trustCaFile(Path caFile) {
            this.caFile = Objects.requireNonNull(caFile, "caFile");
            return trust(Trust.CA_FILE);
        }

        /** Trust a server whose certificate has this pin; may be called several times (for key rollover). */
        public Builder pin(CertificatePin pin) {
            pins.add(Objects.requireNonNull(pin, "pin"));
            return trust(Trust.PINNED);
        }

        /** @see CertificatePin#parse */
        public Builder pin(String pin) {
            return pin(CertificatePin.parse(pin));
        }

        /** Accept any certificate: encryption without authentication. Logged as a warning when used. */
        public Builder insecure() {
            return trust(Trust.INSECURE);
        }

        /** The name to send as SNI and to verify, e.g. when connecting by IP address ({@code --tls-server-name}). */
        public Builder serverName(String serverName) {
            this.serverName = serverName == null || serverName.isBlank() ? null : serverName.strip();
            return this;
        }

        public Builder hostnameVerification(boolean on) {
            this.hostnameVerification = on;
            return this;
        }

        public TlsClientSettings build() {
            return new TlsClientSettings(this);
        }

        private Builder trust(Trust trust) {
            this.trust = trust;
            if (trust != Trust.CA_FILE) {
                caFile = null;
            }
            if (trust != Trust.PINNED) {
                pins.clear();
            }
            return this;
        }
    }
}
