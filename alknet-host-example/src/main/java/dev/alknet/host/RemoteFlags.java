package dev.alknet.host;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** How {@code call} and {@code ops} reach a server's call protocol: the SSH control channel, or raw framing. */
final class RemoteFlags {

    @Option(names = "--raw", description = "connect to an interface = \"raw\" listener (TCP, or TLS with "
            + "--transport tls) and log in with a token signed by the identity key, instead of SSH")
    boolean raw;

    @Option(names = "--anonymous", description = "with --raw: send no token; only operations without access "
            + "restrictions can be called")
    boolean anonymous;

    @Mixin
    ClientFlags client;
}
