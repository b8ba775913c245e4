package dev.alknet.bench.tunnel;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

/** The far end of echoed tunnels: sends back what arrives; the client's end of stream ends the echo. */
final class Echo {

    private Echo() {}

    static LoopbackServer start() throws IOException {
        return LoopbackServer.start("echo", Echo::echo);
    }

    private static void echo(Socket socket) {
        try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
            in.transferTo(out);
            socket.shutdownOutput();
        } catch (IOException brokenConnection) {
            // The client sees the broken tunnel itself and reports it.
        }
    }
}
