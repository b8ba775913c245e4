package dev.alknet.transport.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A blocking SOCKS5 client (no auth, CONNECT by domain name) for driving a front end byte by byte. */
public final class Socks5Client {

    private Socks5Client() {
    }

    /**
     * Connects through the SOCKS5 listener on loopback {@code socksPort} to {@code host:port}; the socket is
     * returned with the reply read, whatever its code. Reads give up after the hang guard.
     */
    public static Reply connect(int socksPort, String host, int port) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), socksPort));
            socket.setSoTimeout((int) TunnelIo.GUARD.toMillis());
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(new byte[] {5, 1, 0});
            byte[] method = in.readNBytes(2);
            if (method.length != 2 || method[0] != 5 || method[1] != 0) {
                throw new IOException("SOCKS5 method selection failed");
            }
            byte[] name = host.getBytes(StandardCharsets.US_ASCII);
            byte[] request = new byte[7 + name.length];
            request[0] = 5;
            request[1] = 1;
            request[3] = 3;
            request[4] = (byte) name.length;
            System.arraycopy(name, 0, request, 5, name.length);
            request[5 + name.length] = (byte) (port >> 8);
            request[6 + name.length] = (byte) port;
            out.write(request);
            byte[] head = in.readNBytes(4);
            if (head.length != 4 || head[0] != 5) {
                throw new IOException("no SOCKS5 reply");
            }
            // The bound address that ends the reply: IPv4, IPv6 or a name, then the port.
            int addressLength = switch (head[3]) {
                case 1 -> 4;
                case 4 -> 16;
                default -> in.read();
            };
            in.readNBytes(addressLength + 2);
            return new Reply(head[1], socket);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** The reply code (0 is success) and the connection, which the caller closes. */
    public record Reply(int code, Socket socket) implements AutoCloseable {

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
