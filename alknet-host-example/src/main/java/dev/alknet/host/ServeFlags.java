package dev.alknet.host;

import dev.alknet.core.TransportKind;
import dev.alknet.core.config.HostPort;
import dev.alknet.core.config.OutboundProxy;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The flags of {@code alknet serve} (alknet-spec §2.4). Every flag the config file also has is {@code null} when
 * left out, so that only what the operator typed overrides the file.
 */
final class ServeFlags {

    @Option(names = "--config", paramLabel = "FILE",
            description = "TOML config file (docs/configuration.md); flags override it. Without it the embedded "
                    + "default applies: tcp on 127.0.0.1:2222, forwarding denied")
    Path config;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "where the generated host key and authorized_keys live (default: $" + DataDir.ENV
                    + " or ~/.alknet)")
    Path dataDir;

    @Option(names = "--key", paramLabel = "FILE",
            description = "SSH host private key, OpenSSH format (default: <data-dir>/" + DataDir.HOST_KEY
                    + ", generated on first start)")
    Path hostKey;

    @Option(names = "--authorized-keys", paramLabel = "FILE",
            description = "authorized_keys file; replaces the config's keys (default: <data-dir>/"
                    + DataDir.AUTHORIZED_KEYS + " when the config names no keys)")
    Path authorizedKeys;

    @Option(names = "--cert-authority", paramLabel = "FILE",
            description = "public keys of CAs whose user certificates are trusted")
    Path certAuthority;

    @Option(names = "--identities", paramLabel = "config|storage", converter = Converters.LoginSourceValue.class,
            description = "where logins and tokens are checked: the config's keys (default), or the accounts and "
                    + "keys in --storage, managed with 'alknet identity'")
    ServeLogins.Source identities = ServeLogins.Source.CONFIG;

    @Option(names = "--transport", paramLabel = "tcp|tls", converter = Converters.TransportValue.class,
            description = "transport of the listener")
    TransportKind transport;

    @Option(names = "--listen", paramLabel = "HOST:PORT", converter = Converters.HostPortValue.class,
            description = "address to listen on; port 0 picks a free port")
    HostPort listen;

    @Option(names = "--tls-cert", paramLabel = "PEM", description = "TLS certificate chain (with --transport tls)")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "PEM", description = "TLS private key (with --transport tls)")
    Path tlsKey;

    @Option(names = "--stealth", negatable = true,
            description = "answer anything but SSH with an nginx-like 404 (needs --transport tls)")
    Boolean stealth;

    @Option(names = "--proxy", paramLabel = "URL", converter = Converters.ProxyValue.class,
            description = "connect forwarding targets through socks5://host:port or http://host:port")
    OutboundProxy proxy;

    @Option(names = "--max-connections-per-ip", paramLabel = "N",
            description = "simultaneous connections per IP address, 0 = unlimited (default 0)")
    Integer maxConnectionsPerIp;

    @Option(names = "--max-auth-attempts", paramLabel = "N",
            description = "failed logins per connection before it is closed, 0 = unlimited (default 10)")
    Integer maxAuthAttempts;

    @Option(names = "--node", paramLabel = "NAME", converter = Converters.NodeNameValue.class,
            description = "node name of the head's own operations, /NAME/service/op (default: head)")
    String node = "head";

    @Option(names = "--storage", paramLabel = "JDBC_URL",
            description = "where the head keeps its storage (graphs, ACL, streams): jdbc:sqlite:FILE or "
                    + "jdbc:postgresql://HOST:PORT/DB, the password in $" + StorageSetup.PASSWORD_ENV
                    + " (default: jdbc:sqlite:<data-dir>/system.db)")
    String storage;

    @Option(names = "--storage-user", paramLabel = "USER", description = "PostgreSQL user of --storage")
    String storageUser;

    @Option(names = "--storage-retention-events", paramLabel = "AGE", converter = Converters.AgeValue.class,
            description = "delete stream events older than AGE once every consumer of their stream is past them "
                    + "(7d, 12h, 30m, 90s or ISO-8601; default: keep them)")
    Duration storageRetentionEvents;

    @Option(names = "--storage-retention-audit", paramLabel = "AGE", converter = Converters.AgeValue.class,
            description = "delete audit rows older than AGE (default: keep them)")
    Duration storageRetentionAudit;

    @Option(names = "--demo-ops",
            description = "add /NODE/demo/echo (answers its input) and /NODE/demo/ticks (streams {\"tick\": n}) "
                    + "to try alknet call with")
    boolean demoOps;

    @Option(names = "--acme-domain", paramLabel = "DOMAIN", hidden = true)
    String acmeDomain;

    @Option(names = "--iroh-relay", paramLabel = "URL", hidden = true)
    String irohRelay;

    /** Whether any flag describes the listener, which a config with several listeners cannot take. */
    boolean touchesListener() {
        return transport != null || listen != null || tlsCert != null || tlsKey != null || stealth != null;
    }
}
