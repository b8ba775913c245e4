package dev.alknet.bench.tunnel;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;

/** The client side of a SOCKS5 CONNECT to a loopback port, no authentication. */
final class Socks5 {

    private Socks5() {}

    /** A socket through the SOCKS5 proxy on {@code proxyPort} to 127.0.0.1:{@code targetPort}, ready for data. */
    static Socket connect(int proxyPort, int targetPort) throws IOException {
        Socket socket = new Socket("127.0.0.1", proxyPort);
        try {
            OutputStream out = socket.getOutputStream();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            out.write(new byte[] {5, 1, 0});
            byte[] method = new byte[2];
            in.readFully(method);
            if (method[0] != 5 || method[1] != 0) {
                throw new IOException("SOCKS5 proxy refused 'no authentication'");
            }
            out.write(new byte[] {5, 1, 0, 1, 127, 0, 0, 1, (byte) (targetPort >> 8), (byte) targetPort});
            byte[] reply = new byte[10];
            in.readFully(reply);
            if (reply[1] != 0) {
                throw new IOException("SOCKS5 CONNECT failed with reply code " + reply[1]);
            }
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }
}
