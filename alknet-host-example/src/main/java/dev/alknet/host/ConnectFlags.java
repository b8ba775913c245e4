package dev.alknet.host;

import dev.alknet.core.TransportKind;
import dev.alknet.core.config.HostPort;
import dev.alknet.transport.LocalForward;
import dev.alknet.transport.RemoteForward;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The flags of {@code alknet connect} (alknet-spec §2.5); {@code null} where not given. */
final class ConnectFlags {

    @Option(names = "--server", paramLabel = "HOST:PORT", converter = Converters.HostPortValue.class,
            description = "the alknet (or OpenSSH) server (default: $" + ClientSetup.ENV_SERVER + ")")
    HostPort server;

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

    @Option(names = "--socks5", paramLabel = "[BIND:]PORT", converter = Converters.LoopbackDefaultHostPort.class,
            description = "SOCKS5 listen address (default: " + ClientSetup.DEFAULT_SOCKS5 + ")")
    HostPort socks5;

    @Option(names = {"-L", "--forward"}, paramLabel = "[BIND:]PORT:HOST:PORT",
            converter = Converters.LocalForwardValue.class, description = "local forward, repeatable")
    List<LocalForward> forwards = new ArrayList<>();

    @Option(names = {"-R", "--remote-forward"}, paramLabel = "[BIND:]PORT:HOST:PORT",
            converter = Converters.RemoteForwardValue.class, description = "remote forward, repeatable")
    List<RemoteForward> remoteForwards = new ArrayList<>();

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

    @Option(names = "--proxy", paramLabel = "URL", hidden = true)
    String proxy;

    @Option(names = "--peer", paramLabel = "ID", hidden = true)
    String peer;

    @Option(names = "--iroh-relay", paramLabel = "URL", hidden = true)
    String irohRelay;

    boolean touchesTls() {
        return tlsServerName != null || tlsCa != null || !tlsPins.isEmpty() || insecure;
    }
}
