package dev.alknet.transport.testing;

import dev.alknet.transport.Tunnel;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Driving tunnels and sockets in tests, each wait bounded by a hang guard (not a speed requirement). */
public final class TunnelIo {

    public static final Duration GUARD = Duration.ofSeconds(60);
    private static final int CHUNK = 64 * 1024;

    private TunnelIo() {
    }

    public static byte[] randomBytes(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    /** Writes {@code data} and half-closes while reading until the far side ends; returns what came back. */
    public static byte[] roundTrip(Tunnel tunnel, byte[] data) throws Exception {
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try {
                for (int off = 0; off < data.length; off += CHUNK) {
                    tunnel.write(Unpooled.wrappedBuffer(data, off, Math.min(CHUNK, data.length - off)))
                            .get(GUARD.toSeconds(), TimeUnit.SECONDS);
                }
                tunnel.shutdownOutput().get(GUARD.toSeconds(), TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        ByteArrayOutputStream back = new ByteArrayOutputStream();
        while (true) {
            ByteBuf chunk = tunnel.read().get(GUARD.toSeconds(), TimeUnit.SECONDS);
            if (chunk == null) {
                break;
            }
            try {
                chunk.readBytes(back, chunk.readableBytes());
            } finally {
                chunk.release();
            }
        }
        writer.get(GUARD.toSeconds(), TimeUnit.SECONDS);
        return back.toByteArray();
    }

    /** Sends {@code data} to {@code port} on loopback while reading the same number of bytes back. */
    public static byte[] roundTrip(int port, byte[] data) throws Exception {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            s.setSoTimeout((int) GUARD.toMillis());
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try {
                    OutputStream out = s.getOutputStream();
                    for (int off = 0; off < data.length; off += CHUNK) {
                        out.write(data, off, Math.min(CHUNK, data.length - off));
                    }
                    out.flush();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            InputStream in = s.getInputStream();
            byte[] back = in.readNBytes(data.length);
            writer.get(GUARD.toSeconds(), TimeUnit.SECONDS);
            return back;
        }
    }

    /** Waits for a condition, failing only if it never comes within the guard. */
    public static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + GUARD.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gave up waiting for: " + what);
            }
            Thread.sleep(10);
        }
    }
}
