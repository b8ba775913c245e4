package dev.alknet.transport.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.HexFormat;

/** A blocking byte-level client for protocol tests; every read gives up after 5 s. */
public final class RawClient implements AutoCloseable {

    private final Socket socket;

    public RawClient(InetSocketAddress address) throws IOException {
        socket = new Socket();
        socket.connect(address, 5000);
        socket.setSoTimeout(5000);
        socket.setTcpNoDelay(true);
    }

    public static byte[] hex(String text) {
        return HexFormat.of().parseHex(text.replace(" ", ""));
    }

    public RawClient send(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
        return this;
    }

    public RawClient send(String hexText) throws IOException {
        return send(hex(hexText));
    }

    /** Sends one byte per write, so the server sees the message in many reads. */
    public RawClient sendByteByByte(String hexText) throws IOException {
        for (byte b : hex(hexText)) {
            send(new byte[] {b});
        }
        return this;
    }

    /** Exactly {@code n} bytes as hex, or fewer if the server closed first. */
    public String read(int n) throws IOException {
        InputStream in = socket.getInputStream();
        byte[] data = in.readNBytes(n);
        return HexFormat.of().formatHex(data);
    }

    /** Everything until the server closes, as hex; fails the read if it does not close within the timeout. */
    public String readToEnd() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        socket.getInputStream().transferTo(out);
        return HexFormat.of().formatHex(out.toByteArray());
    }

    /** True when the server closed the connection (end of stream or reset) within the timeout. */
    public boolean closedByServer() throws IOException {
        try {
            return socket.getInputStream().read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    public Socket socket() {
        return socket;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
