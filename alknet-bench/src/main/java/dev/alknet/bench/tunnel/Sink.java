package dev.alknet.bench.tunnel;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * The far end of a measured tunnel: each connection announces a byte count (8 bytes), sends that many bytes,
 * and gets one byte back once all of them arrived — so a sender's clock covers the whole path, not local
 * buffers. Connections that send nothing (readiness probes) are simply closed.
 */
final class Sink implements AutoCloseable {

    private final ServerSocket server;

    private Sink(ServerSocket server) {
        this.server = server;
    }

    static Sink start() throws IOException {
        ServerSocket server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Sink sink = new Sink(server);
        Thread acceptor = new Thread(sink::acceptLoop, "sink-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        return sink;
    }

    int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread reader = new Thread(() -> drain(socket), "sink-conn");
                reader.setDaemon(true);
                reader.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void drain(Socket socket) {
        try (socket; InputStream in = socket.getInputStream()) {
            long remaining = new DataInputStream(in).readLong();
            byte[] buffer = new byte[256 * 1024];
            while (remaining > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
                if (n < 0) {
                    return;
                }
                remaining -= n;
            }
            socket.getOutputStream().write(1);
            socket.getOutputStream().flush();
        } catch (IOException probeOrBrokenConnection) {
            // A readiness probe closes without announcing anything; nothing to measure.
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
