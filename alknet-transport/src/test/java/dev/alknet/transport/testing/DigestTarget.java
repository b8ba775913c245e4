package dev.alknet.transport.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A loopback target that answers only after the client's end of stream: it reads everything, then replies with
 * the SHA-256 of what it read (hex and a newline) and closes. A reply proves the half-close got through.
 */
public final class DigestTarget implements AutoCloseable {

    private final ServerSocket server;

    public DigestTarget() throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::serve, "digest-target");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** What the target replies after reading {@code data} to its end. */
    public static byte[] replyTo(byte[] data) {
        return line(sha256().digest(data));
    }

    private static byte[] line(byte[] hash) {
        return (HexFormat.of().formatHex(hash) + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                MessageDigest digest = sha256();
                InputStream in = socket.getInputStream();
                byte[] buffer = new byte[64 * 1024];
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    digest.update(buffer, 0, n);
                }
                socket.getOutputStream().write(line(digest.digest()));
            } catch (IOException e) {
                // Closed by close(), or the peer went away; the test that cares sees its own side fail.
            }
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
