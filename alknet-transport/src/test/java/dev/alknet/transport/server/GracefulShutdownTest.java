package dev.alknet.transport.server;

import static dev.alknet.transport.server.ServerHarness.GUARD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.alknet.transport.testing.EchoServer;
import dev.alknet.transport.testing.NoLeaks;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code AlknetServer.close()} under load: a {@code -L} channel streaming and an idle session. Close must stop
 * accepting, disconnect both, return (bounded by its drain, checked only by a hang guard), free the port and
 * leak no buffers.
 */
@ExtendWith(NoLeaks.class)
class GracefulShutdownTest {

    @TempDir
    Path dir;

    @Test
    void closeDisconnectsSessionsReleasesPortsAndLeaksNothing() throws Exception {
        assumeTrue(ServerHarness.onPath("ssh") && ServerHarness.onPath("ssh-keygen"),
                "OpenSSH client (ssh, ssh-keygen) not installed; .ci/run installs openssh-client");
        try (EchoServer echo = new EchoServer();
                ServerHarness h = new ServerHarness(dir, "[forwarding]\ndefault = \"allow\"\n")) {
            int port = h.port();
            int local = ServerHarness.freePort();
            Process forwarding = h.ssh("-L", "127.0.0.1:" + local + ":127.0.0.1:" + echo.port());
            h.awaitListening(forwarding, local);
            Process idle = h.ssh();
            ServerHarness.await("two sessions logged in",
                    () -> h.authLines.stream().filter(l -> l.endsWith("result=accept")).count() == 2);

            try (Socket channel = new Socket(InetAddress.getLoopbackAddress(), local)) {
                channel.setSoTimeout((int) GUARD.toMillis());
                AtomicLong echoed = new AtomicLong();
                // Streams until the shutdown cuts the channel; the end (EOF or reset) is the expected outcome.
                CompletableFuture<Void> mover = CompletableFuture.runAsync(() -> stream(channel, echoed));
                ServerHarness.await("data flowing", () -> echoed.get() > 256 * 1024);

                // close() blocks; run it aside so a hang fails the test instead of stalling the build.
                CompletableFuture.runAsync(h.server::close).get(GUARD.toSeconds(), TimeUnit.SECONDS);

                assertThat(ServerHarness.accepts(port)).as("new connections refused").isFalse();
                assertThat(forwarding.waitFor(GUARD.toSeconds(), TimeUnit.SECONDS)).as("forwarding ssh ended").isTrue();
                assertThat(idle.waitFor(GUARD.toSeconds(), TimeUnit.SECONDS)).as("idle ssh ended").isTrue();
                assertThat(List.of(forwarding.exitValue(), idle.exitValue())).doesNotContain(0);
                mover.get(GUARD.toSeconds(), TimeUnit.SECONDS);
            }
            assertThat(h.authLines.stream().filter(l -> l.startsWith("connection closed")).count())
                    .as("both sessions closed").isEqualTo(2);
            // The listening port is free again (nothing left bound, not even by a lingering acceptor).
            try (ServerSocket again = new ServerSocket()) {
                again.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            }
        }
    }

    /** Echo rounds until the connection ends, counting the bytes that came back intact. */
    private static void stream(Socket s, AtomicLong echoed) {
        byte[] sent = new byte[16 * 1024];
        Random random = new Random(11);
        try {
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            while (true) {
                random.nextBytes(sent);
                out.write(sent);
                byte[] got = in.readNBytes(sent.length);
                if (got.length < sent.length) {
                    return;
                }
                assertThat(got).isEqualTo(sent);
                echoed.addAndGet(got.length);
            }
        } catch (IOException e) {
            // Reset by the shutdown.
        }
    }
}
