package dev.alknet.bench.tunnel;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;

/**
 * The far end of a measured tunnel: each connection announces a byte count (8 bytes), sends that many bytes,
 * and gets one byte back once all of them arrived — so a sender's clock covers the whole path, not local
 * buffers. Connections that send nothing (readiness probes) are simply closed.
 */
final class Sink {

    private Sink() {}

    static LoopbackServer start() throws IOException {
        return LoopbackServer.start("sink", Sink::drain);
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
}
