package dev.alknet.transport.internal.sshd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alknet.transport.TunnelOpenException;
import dev.alknet.transport.testing.EchoServer;
import dev.alknet.transport.testing.NoLeaks;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.sshd.client.channel.ChannelDirectTcpip;
import org.apache.sshd.client.future.ConnectFuture;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.client.session.forward.ExplicitPortForwardingTracker;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.channel.exception.SshChannelOpenException;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** MINA server and client, both on the bridge, over loopback. */
@ExtendWith(NoLeaks.class)
class NettyBridgeSshTest {

    private static final int MIB = 1024 * 1024;

    private static EchoServer echo;
    private static SshFixture ssh;

    @BeforeAll
    static void start() throws Exception {
        echo = new EchoServer();
        ssh = new SshFixture();
    }

    @AfterAll
    static void stop() throws Exception {
        ssh.close();
        echo.close();
    }

    @Test
    void localForwardMovesMebibytesByteExactAndClosesCleanly() throws Exception {
        try (ClientSession session = ssh.login();
                ExplicitPortForwardingTracker forward = session.createLocalPortForwardingTracker(
                        new SshdSocketAddress("127.0.0.1", 0), new SshdSocketAddress("127.0.0.1", echo.port()))) {
            int port = forward.getBoundAddress().getPort();
            Loopback.assertEchoes(port, 8 * MIB, 1);
            Loopback.assertEchoes(port, 1, 2);
        }
        Loopback.await("server sessions gone", () -> ssh.server.getActiveSessions().isEmpty());
    }

    @Test
    void localForwardPassesAHalfCloseOnAndTheWholeReplyComesBack() throws Exception {
        try (ClientSession session = ssh.login();
                ExplicitPortForwardingTracker forward = session.createLocalPortForwardingTracker(
                        new SshdSocketAddress("127.0.0.1", 0), new SshdSocketAddress("127.0.0.1", echo.port()))) {
            int port = forward.getBoundAddress().getPort();
            Loopback.assertHalfClosedEchoes(port, 4 * MIB, 11);
            Loopback.assertHalfClosedEchoes(port, 1, 12);
        }
    }

    @Test
    void remoteForwardPassesAHalfCloseOnAndTheWholeReplyComesBack() throws Exception {
        try (ClientSession session = ssh.login()) {
            SshdSocketAddress bound = session.startRemotePortForwarding(
                    new SshdSocketAddress("127.0.0.1", 0), new SshdSocketAddress("127.0.0.1", echo.port()));
            Loopback.assertHalfClosedEchoes(bound.getPort(), 4 * MIB, 13);
            Loopback.assertHalfClosedEchoes(bound.getPort(), 1, 14);
            session.stopRemotePortForwarding(bound);
        }
    }

    @Test
    void directTcpipChannelCarriesData() throws Exception {
        try (ClientSession session = ssh.login();
                ChannelDirectTcpip channel = session.createDirectTcpipChannel(
                        new SshdSocketAddress("127.0.0.1", 0), new SshdSocketAddress("127.0.0.1", echo.port()))) {
            channel.open().verify(Loopback.GUARD);
            byte[] data = Loopback.randomBytes(3 * MIB, 3);
            Thread writer = new Thread(() -> {
                try {
                    channel.getInvertedIn().write(data);
                    channel.getInvertedIn().flush();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            writer.start();
            byte[] back = channel.getInvertedOut().readNBytes(data.length);
            writer.join(Loopback.GUARD.toMillis());
            assertThat(back).isEqualTo(data);
        }
    }

    @Test
    void remoteForwardBindsOnTheServerAndReachesTheClientsTarget() throws Exception {
        try (ClientSession session = ssh.login()) {
            SshdSocketAddress bound = session.startRemotePortForwarding(
                    new SshdSocketAddress("127.0.0.1", 0), new SshdSocketAddress("127.0.0.1", echo.port()));
            assertThat(bound.getPort()).isPositive();
            Loopback.assertEchoes(bound.getPort(), 2 * MIB, 4);
            session.stopRemotePortForwarding(bound);
        }
    }

    @Test
    void refusedTargetFailsTheChannelOpenAndTheServerKeepsServing() throws Exception {
        int closed = Loopback.freePort();
        try (ClientSession session = ssh.login()) {
            ChannelDirectTcpip refused = session.createDirectTcpipChannel(
                    new SshdSocketAddress("127.0.0.1", 0), new SshdSocketAddress("127.0.0.1", closed));
            assertThatThrownBy(() -> refused.open().verify(Loopback.GUARD))
                    .hasCauseInstanceOf(SshChannelOpenException.class)
                    .satisfies(e -> assertThat(((SshChannelOpenException) e.getCause()).getReasonCode())
                            .isEqualTo(SshConstants.SSH_OPEN_CONNECT_FAILED));
            try (ExplicitPortForwardingTracker forward = session.createLocalPortForwardingTracker(
                    new SshdSocketAddress("127.0.0.1", 0), new SshdSocketAddress("127.0.0.1", echo.port()))) {
                Loopback.assertEchoes(forward.getBoundAddress().getPort(), 1024, 5);
            }
        }
    }

    @Test
    void refusedSshConnectGivesAClearFailure() throws Exception {
        int closed = Loopback.freePort();
        ConnectFuture future = ssh.client.connect("tester", "127.0.0.1", closed);
        assertThat(future.await(Loopback.GUARD)).isTrue();
        assertThat(future.getException()).isInstanceOf(ConnectFailedException.class)
                .hasMessage("connection refused");
        assertThat(((ConnectFailedException) future.getException()).reason())
                .isEqualTo(TunnelOpenException.Reason.CONNECTION_REFUSED);
    }

    @Test
    void fiftySessionsAtOnce() throws Exception {
        List<ConnectFuture> connects = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            connects.add(ssh.client.connect("tester", "127.0.0.1", ssh.port()));
        }
        List<ClientSession> sessions = new ArrayList<>();
        try {
            for (ConnectFuture connect : connects) {
                ClientSession session = connect.verify(Loopback.GUARD).getSession();
                sessions.add(session);
                session.addPublicKeyIdentity(ssh.userKey);
            }
            List<org.apache.sshd.client.future.AuthFuture> auths = new ArrayList<>();
            for (ClientSession session : sessions) {
                auths.add(session.auth());
            }
            for (org.apache.sshd.client.future.AuthFuture auth : auths) {
                auth.verify(Loopback.GUARD);
            }
            assertThat(ssh.server.getActiveSessions()).hasSizeGreaterThanOrEqualTo(50);
        } finally {
            for (ClientSession session : sessions) {
                session.close(false).await(Loopback.GUARD);
            }
        }
        try (ClientSession again = ssh.login()) {
            assertThat(again.isAuthenticated()).isTrue();
        }
    }
}
