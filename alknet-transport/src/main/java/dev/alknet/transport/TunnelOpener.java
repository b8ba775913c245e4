package dev.alknet.transport;

import java.util.concurrent.CompletableFuture;

/**
 * Opens tunnels to destinations. The SSH client implements it with {@code direct-tcpip} channels; the server
 * implements it with direct or proxied TCP connections after the forwarding policy allowed the destination.
 */
@FunctionalInterface
public interface TunnelOpener {

    /**
     * Opens a tunnel to {@code host:port}; the host may be a name, resolved by whoever makes the final connection
     * (never by a SOCKS front end, so names don't leak to local DNS).
     *
     * @return completes once the far side confirmed the connection, or exceptionally with a
     *     {@link TunnelOpenException} saying why it could not be opened
     */
    CompletableFuture<Tunnel> open(String host, int port);
}
