package dev.alknet.transport.internal.sshd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alknet.transport.testing.NoLeaks;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.client.session.forward.ExplicitPortForwardingTracker;
import org.apache.sshd.common.io.IoAcceptor;
import org.apache.sshd.common.io.IoServiceEventListener;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A target that stops reading must make the forwarder stop reading its local side (autoRead off) instead of
 * buffering without bound; once the target reads again, reading resumes and every byte arrives in order.
 */
@ExtendWith(NoLeaks.class)
class BackPressureTest {

    private static final int TOTAL = 24 * 1024 * 1024;

    @Test
    void slowTargetSuspendsReadingOnTheLocalSideUntilItCatchesUp() throws Exception {
        try (ServerSocket target = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                SshFixture ssh = new SshFixture()) {
            Map<IoAcceptor, Boolean> acceptors = new ConcurrentHashMap<>();
            // Set on the running I/O factory: the client hands its own listener over only at start.
            ssh.client.getIoServiceFactory().setIoServiceEventListener(new IoServiceEventListener() {
                @Override
                public void connectionAccepted(IoAcceptor acceptor, SocketAddress local, SocketAddress remote,
                        SocketAddress service) {
                    acceptors.put(acceptor, Boolean.TRUE);
                }
            });
            byte[] data = Loopback.randomBytes(TOTAL, 31);
            try (ClientSession session = ssh.login();
                    ExplicitPortForwardingTracker forward = session.createLocalPortForwardingTracker(
                            new SshdSocketAddress("127.0.0.1", 0),
                            new SshdSocketAddress("127.0.0.1", target.getLocalPort()));
                    Socket local = new Socket(InetAddress.getLoopbackAddress(), forward.getBoundAddress().getPort())) {
                CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> write(local, data));
                try (Socket accepted = target.accept()) {
                    Loopback.await("the forwarder suspends reading", () -> localSessionReadSuspended(acceptors));

                    InputStream in = accepted.getInputStream();
                    byte[] received = in.readNBytes(TOTAL);
                    writer.get(Loopback.GUARD.toSeconds(), TimeUnit.SECONDS);
                    assertThat(received).isEqualTo(data);
                    Loopback.await("reading resumes", () -> !localSessionReadSuspended(acceptors));
                }
            }
        }
    }

    private static boolean localSessionReadSuspended(Map<IoAcceptor, Boolean> acceptors) {
        return acceptors.keySet().stream()
                .flatMap(a -> a.getManagedSessions().values().stream())
                .anyMatch(s -> !((NettyIoSession) s).channel().config().isAutoRead());
    }

    private static void write(Socket socket, byte[] data) {
        try {
            OutputStream out = socket.getOutputStream();
            for (int off = 0; off < data.length; off += 64 * 1024) {
                out.write(data, off, Math.min(64 * 1024, data.length - off));
            }
            out.flush();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
