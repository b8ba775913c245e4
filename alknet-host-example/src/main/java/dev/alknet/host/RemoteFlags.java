package dev.alknet.host;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Which server {@code call} and {@code ops} reach, and how: its SSH control channel, raw framing or WebSocket. The
 * server is their first parameter.
 */
final class RemoteFlags {

    @Parameters(index = "0", paramLabel = "SERVER", converter = RemoteServer.Value.class,
            description = "HOST:PORT of an SSH listener, or of a raw listener with --raw; or the ws://HOST:PORT/PATH "
                    + "(wss:// for TLS) of a WebSocket listener")
    RemoteServer server;

    @Option(names = "--raw", description = "connect to an interface = \"raw\" listener (TCP, or TLS with "
            + "--transport tls) and log in with a token signed by the identity key, instead of SSH")
    boolean raw;

    @Option(names = "--anonymous", description = "with --raw or WebSocket: send no token; only operations without access "
            + "restrictions can be called")
    boolean anonymous;

    @Mixin
    ClientFlags client;
}
