package dev.alknet.transport.internal.sshd;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Plain-socket helpers for the bridge tests: byte-exact round trips and hang guards (the echo server is testing.EchoServer). */
final class Loopback {

    static final Duration GUARD = Duration.ofSeconds(60);

    private Loopback() {
    }

    static byte[] randomBytes(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    /** Sends {@code data} to an echo path at {@code port} while reading it back; returns what came back. */
    static byte[] roundTrip(int port, byte[] data) throws Exception {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            s.setSoTimeout((int) GUARD.toMillis());
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try {
                    OutputStream out = s.getOutputStream();
                    for (int off = 0; off < data.length; off += 64 * 1024) {
                        out.write(data, off, Math.min(64 * 1024, data.length - off));
                    }
                    out.flush();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            byte[] back = s.getInputStream().readNBytes(data.length);
            writer.get(GUARD.toSeconds(), TimeUnit.SECONDS);
            return back;
        }
    }

    static void assertEchoes(int port, int size, long seed) throws Exception {
        byte[] data = randomBytes(size, seed);
        byte[] back = roundTrip(port, data);
        if (!Arrays.equals(data, back)) {
            fail("echo through the tunnel differs: sent %d bytes, got %d back", data.length, back.length);
        }
    }

    /**
     * Sends {@code size} bytes to an echo path at {@code port}, half-closes, and expects every byte back followed
     * by end of stream: the half-close must travel through the forward without cutting off the reply.
     */
    static void assertHalfClosedEchoes(int port, int size, long seed) throws Exception {
        byte[] data = randomBytes(size, seed);
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            s.setSoTimeout((int) GUARD.toMillis());
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try {
                    s.getOutputStream().write(data);
                    s.shutdownOutput();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            byte[] back = s.getInputStream().readAllBytes();
            writer.get(GUARD.toSeconds(), TimeUnit.SECONDS);
            if (!Arrays.equals(data, back)) {
                fail("half-closed echo through the tunnel differs: sent %d bytes, got %d back", data.length,
                        back.length);
            }
        }
    }

    /** Waits for a condition; the guard only stops a hang, it is not a speed requirement. */
    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + GUARD.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("gave up waiting for: " + what);
            }
            Thread.sleep(10);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
