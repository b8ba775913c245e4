package dev.alknet.transport.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A minimal blocking HTTP CONNECT proxy on loopback for tests: answers 200 and relays, or 502 when the target
 * refuses. Records each CONNECT target as written by the client.
 */
public final class HttpConnectProxy implements AutoCloseable {

    public final List<String> targets = new CopyOnWriteArrayList<>();
    private final ServerSocket server;

    public HttpConnectProxy() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        daemon(this::accept);
    }

    public int port() {
        return server.getLocalPort();
    }

    private static Thread daemon(Runnable task) {
        Thread thread = new Thread(task, "http-proxy");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                daemon(() -> serve(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            String head = readHead(in);
            String target = head.split(" ", 3)[1];
            targets.add(target);
            int colon = target.lastIndexOf(':');
            String host = target.substring(0, colon).replace("[", "").replace("]", "");
            int port = Integer.parseInt(target.substring(colon + 1));
            OutputStream out = client.getOutputStream();
            Socket upstream;
            try {
                upstream = new Socket(host, port);
            } catch (IOException e) {
                out.write("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                return;
            }
            try (upstream) {
                out.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                Thread back = daemon(() -> relay(upstream, client));
                in.transferTo(upstream.getOutputStream());
                upstream.shutdownOutput();
                // Both sockets stay open until the reply direction ended too. (Reading upstream here as well
                // would race the relay thread for the reply and could swallow it.)
                back.join();
            }
        } catch (IOException | RuntimeException e) {
            // The test that cares sees its own connection fail.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            // The test that cares sees its own connection fail.
        }
    }

    private static void relay(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
            to.shutdownOutput();
        } catch (IOException e) {
            // Closed underneath: the other direction ends too.
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("end of stream in request head");
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
