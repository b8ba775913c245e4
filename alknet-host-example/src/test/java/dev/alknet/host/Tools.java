package dev.alknet.host;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The Debian tools the interop tests use, skipped with a message where absent (.ci/run installs them). */
final class Tools {

    private Tools() {
    }

    static String require(String name) {
        Path found = Stream.of("/usr/bin", "/bin", "/usr/local/bin").map(d -> Path.of(d, name))
                .filter(Files::isExecutable).findFirst().orElse(null);
        assumeTrue(found != null, name + " is not installed; skipping");
        return found.toString();
    }

    /** A port free a moment ago, for tools that cannot be told to pick one (ssh -D). */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        }
    }
}
