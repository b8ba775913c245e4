package dev.alknet.transport.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** A blocking echo server on loopback: echoes until end of stream, then half-closes its side too. */
public final class EchoServer implements AutoCloseable {

    private final ServerSocket server;

    public EchoServer() throws IOException {
        this(InetAddress.getLoopbackAddress());
    }

    public EchoServer(InetAddress address) throws IOException {
        server = new ServerSocket(0, 50, address);
        Thread acceptor = new Thread(this::accept, "echo-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread worker = new Thread(() -> echo(socket), "echo");
                worker.setDaemon(true);
                worker.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void echo(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            in.transferTo(out);
            socket.shutdownOutput();
            // Wait for the peer to close so the half-close is observable end to end.
            in.read();
        } catch (IOException e) {
            // The test that cares sees its own connection fail.
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
