package dev.alknet.host;

import dev.alknet.core.config.HostPort;
import dev.alknet.transport.LocalForward;
import dev.alknet.transport.RemoteForward;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The flags of {@code alknet connect} (alknet-spec §2.5); {@code null} where not given. */
final class ConnectFlags {

    @Option(names = "--server", paramLabel = "HOST:PORT", converter = Converters.HostPortValue.class,
            description = "the alknet (or OpenSSH) server (default: $" + ClientSetup.ENV_SERVER + ")")
    HostPort server;

    @Mixin
    ClientFlags client;

    @Option(names = "--socks5", paramLabel = "[BIND:]PORT", converter = Converters.LoopbackDefaultHostPort.class,
            description = "SOCKS5 listen address (default: " + ClientSetup.DEFAULT_SOCKS5 + ")")
    HostPort socks5;

    @Option(names = {"-L", "--forward"}, paramLabel = "[BIND:]PORT:HOST:PORT",
            converter = Converters.LocalForwardValue.class, description = "local forward, repeatable")
    List<LocalForward> forwards = new ArrayList<>();

    @Option(names = {"-R", "--remote-forward"}, paramLabel = "[BIND:]PORT:HOST:PORT",
            converter = Converters.RemoteForwardValue.class, description = "remote forward, repeatable")
    List<RemoteForward> remoteForwards = new ArrayList<>();

    @Option(names = "--proxy", paramLabel = "URL",
            description = "reach the server through this proxy: socks5://host:port or http://host:port (CONNECT)")
    String proxy;

    @Option(names = "--peer", paramLabel = "ID", hidden = true)
    String peer;

    @Option(names = "--iroh-relay", paramLabel = "URL", hidden = true)
    String irohRelay;
}
