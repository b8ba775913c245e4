package dev.alknet.host;

import dev.alknet.auth.KeyFormatException;
import dev.alknet.auth.OpenSshKeyPair;
import dev.alknet.auth.OpenSshPublicKey;
import dev.alknet.core.TransportKind;
import dev.alknet.core.config.ConfigException;
import dev.alknet.core.config.HostPort;
import dev.alknet.core.config.OutboundProxy;
import dev.alknet.transport.AlknetClient;
import dev.alknet.transport.TlsClientSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code alknet connect} connects with: flags over environment variables over the data directory, checked
 * before any connection is attempted.
 *
 * @param builder the client, ready to {@code build()}
 * @param socks5 where its SOCKS5 front end listens
 */
record ClientSetup(AlknetClient.Builder builder, HostPort server, HostPort socks5) {

    static final String ENV_SERVER = "ALKNET_SERVER";
    static final String ENV_IDENTITY = "ALKNET_IDENTITY";
    static final String DEFAULT_SOCKS5 = "127.0.0.1:1080";

    /** @throws UsageError saying what to change */
    static ClientSetup assemble(ConnectFlags flags, Map<String, String> env) {
        rejectUnsupported(flags);
        HostPort server = server(flags, env);
        HostPort socks5 = flags.socks5 != null ? flags.socks5 : HostPort.parse(DEFAULT_SOCKS5);
        OutboundProxy proxy = flags.proxy == null ? null : proxy(flags.proxy);
        AlknetClient.Builder builder = ssh(flags.client, server, env).socks5(socks5);
        if (proxy != null) {
            builder.proxy(proxy);
        }
        flags.forwards.forEach(builder::localForward);
        flags.remoteForwards.forEach(builder::remoteForward);
        return new ClientSetup(builder, server, socks5);
    }

    /**
     * An SSH client of {@code server} without front ends, checked like {@link #assemble}.
     *
     * @throws UsageError saying what to change
     */
    static AlknetClient.Builder ssh(ClientFlags flags, HostPort server, Map<String, String> env) {
        Path dataDir = DataDir.resolve(flags.dataDir, env);
        TransportKind transport = transport(flags);
        AlknetClient.Builder builder = AlknetClient.builder()
                .server(server)
                .transport(transport)
                .identity(identity(flags, env));
        if (flags.user != null) {
            builder.user(flags.user);
        }
        tls(flags).ifPresent(builder::tls);
        if (flags.serverKey != null && flags.knownHosts != null) {
            throw new UsageError("choose one of --server-key and --known-hosts");
        }
        if (flags.serverKey != null) {
            builder.serverKey(serverKey(flags.serverKey));
        } else {
            builder.knownHosts(flags.knownHosts != null ? flags.knownHosts : dataDir.resolve(DataDir.KNOWN_HOSTS));
        }
        return builder;
    }

    static TransportKind transport(ClientFlags flags) {
        return flags.transport != null ? flags.transport : TransportKind.TCP;
    }

    /**
     * The TLS settings of {@code --transport tls}, empty for tcp.
     *
     * @throws UsageError when TLS flags are given for tcp or contradict each other
     */
    static Optional<TlsClientSettings> tls(ClientFlags flags) {
        if (transport(flags) == TransportKind.TLS) {
            return Optional.of(tlsSettings(flags));
        }
        if (flags.touchesTls()) {
            throw new UsageError("--tls-server-name, --tls-ca, --tls-pin and --insecure need --transport tls");
        }
        return Optional.empty();
    }

    private static void rejectUnsupported(ConnectFlags flags) {
        if (flags.peer != null || flags.irohRelay != null) {
            throw new UsageError("--peer and --iroh-relay are not supported by alknet-java (there is no iroh "
                    + "transport); use --server with --transport tcp or tls");
        }
    }

    private static OutboundProxy proxy(String url) {
        try {
            return OutboundProxy.parse(url);
        } catch (ConfigException e) {
            throw new UsageError("--proxy: " + e.reason());
        }
    }

    private static HostPort server(ConnectFlags flags, Map<String, String> env) {
        if (flags.server != null) {
            return flags.server;
        }
        String fromEnv = env.get(ENV_SERVER);
        if (fromEnv == null || fromEnv.isBlank()) {
            throw new UsageError("missing --server HOST:PORT (or set " + ENV_SERVER + ")");
        }
        try {
            return HostPort.parse(fromEnv.strip());
        } catch (ConfigException e) {
            throw new UsageError(ENV_SERVER + ": " + e.reason());
        }
    }

    /** The key that logs in over SSH and signs tokens for raw framing. */
    static OpenSshKeyPair identity(ClientFlags flags, Map<String, String> env) {
        String fromEnv = env.get(ENV_IDENTITY);
        Path file = flags.identity != null ? flags.identity
                : fromEnv != null && !fromEnv.isBlank() ? Path.of(fromEnv)
                : DataDir.resolve(flags.dataDir, env).resolve(DataDir.IDENTITY);
        if (!Files.isRegularFile(file)) {
            throw new UsageError("no identity key " + file + "; create one with 'alknet keygen -f " + file
                    + "' and add its .pub line to the server's authorized_keys");
        }
        try {
            return OpenSshKeyPair.load(file);
        } catch (KeyFormatException | UncheckedIOException e) {
            throw new UsageError("--identity: " + e.getMessage(), e);
        }
    }

    /** The TLS settings the flags describe, whatever the transport flag says. */
    static TlsClientSettings tlsSettings(ClientFlags flags) {
        int trustChoices = (flags.tlsCa != null ? 1 : 0) + (flags.tlsPins.isEmpty() ? 0 : 1) + (flags.insecure ? 1 : 0);
        if (trustChoices > 1) {
            throw new UsageError("choose one of --tls-ca, --tls-pin and --insecure");
        }
        TlsClientSettings.Builder tls = TlsClientSettings.builder().serverName(flags.tlsServerName);
        if (flags.tlsCa != null) {
            if (!Files.isRegularFile(flags.tlsCa)) {
                throw new UsageError("--tls-ca: " + flags.tlsCa + ": no such file");
            }
            tls.trustCaFile(flags.tlsCa.toAbsolutePath());
        }
        try {
            flags.tlsPins.forEach(tls::pin);
        } catch (IllegalArgumentException e) {
            throw new UsageError("--tls-pin: " + e.getMessage(), e);
        }
        if (flags.insecure) {
            tls.insecure();
        }
        return tls.build();
    }

    /** A .pub file or a key line; a fingerprint alone cannot be checked by the client. */
    private static OpenSshPublicKey serverKey(String value) {
        if (value.startsWith("SHA256:")) {
            throw new UsageError("--server-key needs the server's public key, not its fingerprint: pass its .pub "
                    + "file or the 'ssh-ed25519 AAAA...' line 'alknet serve' prints");
        }
        Path file = Path.of(value.strip());
        try {
            String line = Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8).strip() : value;
            return OpenSshPublicKey.parse(line);
        } catch (IOException e) {
            throw new UsageError("--server-key: cannot read " + file + ": " + e.getMessage(), e);
        } catch (KeyFormatException e) {
            throw new UsageError("--server-key: " + e.getMessage(), e);
        }
    }
}
