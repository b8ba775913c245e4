package dev.alknet.transport.internal.forward;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alknet.transport.DirectTunnelOpener;
import dev.alknet.transport.FrontEndListener;
import dev.alknet.transport.LocalForward;
import dev.alknet.transport.TunnelOpenException.Reason;
import dev.alknet.transport.testing.EchoServer;
import dev.alknet.transport.testing.LeakRecorder;
import dev.alknet.transport.testing.Loops;
import dev.alknet.transport.testing.Openers;
import dev.alknet.transport.testing.RawClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class LocalForwardTest {

    @AfterAll
    static void noLeaks() throws Exception {
        LeakRecorder.assertNoLeaks();
    }

    private static FrontEndListener forwardTo(int port) {
        return FrontEndListener.localForward(Loops.GROUP, LocalForward.parse("0:127.0.0.1:" + port),
                DirectTunnelOpener.direct(Loops.GROUP)).join();
    }

    private static Socket connect(FrontEndListener listener) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), listener.localAddress().getPort());
        socket.setSoTimeout(30_000);
        return socket;
    }

    @Test
    void severalMebibytesArriveByteExactBothWaysAndHalfCloseCarriesOver() throws Exception {
        byte[] data = new byte[8 * 1024 * 1024 + 7];
        new Random(42).nextBytes(data);
        try (EchoServer echo = new EchoServer(); FrontEndListener forward = forwardTo(echo.port());
                Socket socket = connect(forward)) {
            CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
                try {
                    OutputStream out = socket.getOutputStream();
                    out.write(data);
                    socket.shutdownOutput();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            // The echo server sends its end of stream only after ours arrived: the half-close crossed the splice.
            byte[] echoed = socket.getInputStream().readAllBytes();
            sending.join();
            assertThat(echoed.length).isEqualTo(data.length);
            assertThat(Arrays.equals(echoed, data)).isTrue();
        }
    }

    @Test
    void aFailedOpenClosesOnlyThatConnection() throws Exception {
        try (EchoServer echo = new EchoServer();
                FrontEndListener failing = FrontEndListener.localForward(Loops.GROUP,
                        LocalForward.parse("0:127.0.0.1:1"), Openers.failing(Reason.CONNECTION_REFUSED)).join();
                FrontEndListener working = forwardTo(echo.port())) {
            try (RawClient client = new RawClient(failing.localAddress())) {
                assertThat(client.closedByServer()).isTrue();
            }
            try (RawClient client = new RawClient(working.localAddress())) {
                client.send("0102");
                assertThat(client.read(2)).isEqualTo("0102");
            }
            try (RawClient client = new RawClient(failing.localAddress())) {
                assertThat(client.closedByServer()).isTrue();
            }
        }
    }

    @Test
    void aSlowConsumerHoldsBackTheSourceInsteadOfBuffering() throws Exception {
        long total = 256L * 1024 * 1024;
        AtomicLong sent = new AtomicLong();
        try (ServerSocket source = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                FrontEndListener forward = forwardTo(source.getLocalPort());
                Socket consumer = connect(forward)) {
            CompletableFuture<Void> producing = CompletableFuture.runAsync(() -> produce(source, total, sent));
            // Nobody reads yet: the source must stall once the socket buffers and the splice's one chunk are
            // full. Wait until it stops advancing, then check it stalled far below the total.
            long last = -1;
            while (sent.get() != last) {
                last = sent.get();
                Thread.sleep(300);
            }
            assertThat(sent.get()).isLessThan(64L * 1024 * 1024);
            // Reading on drains everything, in order.
            InputStream in = consumer.getInputStream();
            byte[] chunk = new byte[64 * 1024];
            long received = 0;
            for (int n; (n = in.read(chunk)) > 0; ) {
                for (int i = 0; i < n; i++) {
                    assertThat(chunk[i]).isEqualTo((byte) (received + i));
                }
                received += n;
            }
            producing.join();
            assertThat(received).isEqualTo(total);
        }
    }

    private static void produce(ServerSocket source, long total, AtomicLong sent) {
        try (Socket socket = source.accept()) {
            OutputStream out = socket.getOutputStream();
            byte[] chunk = new byte[64 * 1024];
            while (sent.get() < total) {
                for (int i = 0; i < chunk.length; i++) {
                    chunk[i] = (byte) (sent.get() + i);
                }
                out.write(chunk);
                sent.addAndGet(chunk.length);
            }
            socket.shutdownOutput();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
