package dev.alknet.bench.tunnel;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.function.Consumer;

/** A loopback TCP server for harnesses: a daemon thread per connection runs {@code handler}, which owns the socket. */
final class LoopbackServer implements AutoCloseable {

    private final ServerSocket server;

    private LoopbackServer(ServerSocket server) {
        this.server = server;
    }

    static LoopbackServer start(String name, Consumer<Socket> handler) throws IOException {
        ServerSocket server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        LoopbackServer loopback = new LoopbackServer(server);
        daemon(name + "-accept", () -> {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    daemon(name + "-conn", () -> handler.accept(socket));
                } catch (IOException closed) {
                    return;
                }
            }
        });
        return loopback;
    }

    private static void daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return server.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
