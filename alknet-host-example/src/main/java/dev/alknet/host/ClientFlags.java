package dev.alknet.host;

import dev.alknet.core.TransportKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * How a client reaches and trusts a server: transport, identity, host key and TLS checks. Shared by
 * {@code connect}, {@code call} and {@code ops}; {@code null} where not given.
 */
final class ClientFlags {

    @Option(names = "--transport", paramLabel = "tcp|tls", converter = Converters.TransportValue.class,
            description = "how to reach the server (default: tcp)")
    TransportKind transport;

    @Option(names = "--user", paramLabel = "NAME", description = "SSH user name (default: alknet)")
    String user;

    @Option(names = "--identity", paramLabel = "FILE",
            description = "private key, OpenSSH format (default: $" + ClientSetup.ENV_IDENTITY + " or <data-dir>/"
                    + DataDir.IDENTITY + ")")
    Path identity;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "where the identity and known_hosts live (default: $" + DataDir.ENV + " or ~/.alknet)")
    Path dataDir;

    @Option(names = "--server-key", paramLabel = "KEY",
            description = "the server's host key: a .pub file or the 'ssh-ed25519 AAAA...' line serve prints")
    String serverKey;

    @Option(names = "--known-hosts", paramLabel = "FILE",
            description = "known_hosts file; an unknown server is trusted on first use and recorded (default: "
                    + "<data-dir>/" + DataDir.KNOWN_HOSTS + ")")
    Path knownHosts;

    @Option(names = "--tls-server-name", paramLabel = "NAME", description = "TLS SNI and name to verify")
    String tlsServerName;

    @Option(names = "--tls-ca", paramLabel = "PEM", description = "trust only these CA certificates for TLS")
    Path tlsCa;

    @Option(names = "--tls-pin", paramLabel = "SHA256", description = "trust the TLS certificate with this "
            + "SHA-256 (64 hex digits or sha256/<base64>), repeatable")
    List<String> tlsPins = new ArrayList<>();

    @Option(names = "--insecure", description = "accept any TLS certificate (the SSH host key is still checked)")
    boolean insecure;

    boolean touchesTls() {
        return tlsServerName != null || tlsCa != null || !tlsPins.isEmpty() || insecure;
    }

    /** Whether any flag concerns SSH only, which raw framing has no use for. */
    boolean touchesSsh() {
        return user != null || serverKey != null || knownHosts != null;
    }
}
