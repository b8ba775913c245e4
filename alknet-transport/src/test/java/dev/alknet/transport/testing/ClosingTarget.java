package dev.alknet.transport.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** A loopback target that greets each connection with fixed bytes and closes it at once, reading nothing. */
public final class ClosingTarget implements AutoCloseable {

    private final ServerSocket server;
    private final byte[] greeting;

    public ClosingTarget(byte[] greeting) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.greeting = greeting.clone();
        Thread acceptor = new Thread(this::serve, "closing-target");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                socket.getOutputStream().write(greeting);
            } catch (IOException e) {
                // Closed by close(), or the peer went away; the test that cares sees its own side fail.
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
