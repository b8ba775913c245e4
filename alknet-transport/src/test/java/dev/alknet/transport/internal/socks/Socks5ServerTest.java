package dev.alknet.transport.internal.socks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alknet.transport.DirectTunnelOpener;
import dev.alknet.transport.FrontEndListener;
import dev.alknet.transport.TunnelOpenException.Reason;
import dev.alknet.transport.TunnelOpener;
import dev.alknet.transport.testing.EchoServer;
import dev.alknet.transport.testing.LeakRecorder;
import dev.alknet.transport.testing.Loops;
import dev.alknet.transport.testing.Openers;
import dev.alknet.transport.testing.RawClient;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Socks5ServerTest {

    private static final String GREETING = "05 01 00";
    private static final String SUCCESS = "05000001000000000000";

    private static EchoServer echo;
    private static Openers.Recording recording;
    private static FrontEndListener socks;

    @BeforeAll
    static void start() throws Exception {
        echo = new EchoServer();
        recording = new Openers.Recording(DirectTunnelOpener.direct(Loops.GROUP));
        socks = start(recording);
    }

    @AfterAll
    static void stop() throws Exception {
        socks.close();
        echo.close();
        LeakRecorder.assertNoLeaks();
    }

    private static FrontEndListener start(TunnelOpener opener) {
        return FrontEndListener.socks5(Loops.GROUP, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                opener).join();
    }

    private static String connectIpv4(int port) {
        return String.format("05 01 00 01 7f000001 %04x", port);
    }

    private static void assertEchoes(RawClient client) throws Exception {
        client.send("68656c6c6f");
        assertThat(client.read(5)).isEqualTo("68656c6c6f");
    }

    @Test
    void withoutNoAuthTheGreetingIsRefusedAndClosed() throws Exception {
        try (RawClient client = new RawClient(socks.localAddress())) {
            client.send("05 02 01 02");
            assertThat(client.readToEnd()).isEqualTo("05ff");
        }
    }

    @Test
    void connectsToAnIpv4TargetAndSplices() throws Exception {
        try (RawClient client = new RawClient(socks.localAddress())) {
            client.send(GREETING);
            assertThat(client.read(2)).isEqualTo("0500");
            client.send(connectIpv4(echo.port()));
            assertThat(client.read(10)).isEqualTo(SUCCESS);
            assertEchoes(client);
        }
    }

    @Test
    void greetingRequestAndDataInOneWrite() throws Exception {
        try (RawClient client = new RawClient(socks.localAddress())) {
            client.send(GREETING + connectIpv4(echo.port()) + "616263");
            assertThat(client.read(12)).isEqualTo("0500" + SUCCESS);
            assertThat(client.read(3)).isEqualTo("616263");
        }
    }

    @Test
    void greetingAndRequestByteByByte() throws Exception {
        try (RawClient client = new RawClient(socks.localAddress())) {
            client.sendByteByByte(GREETING + connectIpv4(echo.port()));
            assertThat(client.read(12)).isEqualTo("0500" + SUCCESS);
            assertEchoes(client);
        }
    }

    @Test
    void domainNamesReachTheOpenerUnresolved() throws Exception {
        Openers.Recording names = new Openers.Recording(Openers.failing(Reason.UNREACHABLE));
        try (FrontEndListener server = start(names); RawClient client = new RawClient(server.localAddress())) {
            String name = "db.internal.invalid";
            String nameHex = HexFormat.of().formatHex(name.getBytes(StandardCharsets.US_ASCII));
            client.send(GREETING + String.format("05 01 00 03 %02x %s 1f90", name.length(), nameHex));
            assertThat(client.readToEnd()).isEqualTo("0500" + "05040001000000000000");
            assertThat(names.destinations).containsExactly(name + " 8080");
        }
    }

    @Test
    void ipv6TargetsReachTheOpenerAsLiterals() throws Exception {
        Openers.Recording names = new Openers.Recording(Openers.failing(Reason.UNREACHABLE));
        try (FrontEndListener server = start(names); RawClient client = new RawClient(server.localAddress())) {
            client.send(GREETING + "05 01 00 04 fd000000000000000000000000000005 0050");
            assertThat(client.readToEnd()).startsWith("0500" + "0504");
            assertThat(names.destinations).containsExactly("fd00::5 80");
        }
    }

    @ParameterizedTest
    @CsvSource({"PROHIBITED, 02", "CONNECTION_REFUSED, 05", "UNREACHABLE, 04", "NOT_CONNECTED, 01", "FAILED, 01"})
    void openFailuresMapToReplyCodes(Reason reason, String code) throws Exception {
        try (FrontEndListener server = start(Openers.failing(reason));
                RawClient client = new RawClient(server.localAddress())) {
            client.send(GREETING + connectIpv4(9));
            assertThat(client.readToEnd()).isEqualTo("0500" + "05" + code + "0001000000000000");
        }
    }

    @ParameterizedTest
    @CsvSource({"02", "03"})
    void bindAndUdpAssociateGetCommandNotSupported(String command) throws Exception {
        try (RawClient client = new RawClient(socks.localAddress())) {
            client.send(GREETING + "05 " + command + " 00 01 7f000001 0050");
            assertThat(client.readToEnd()).isEqualTo("0500" + "05070001000000000000");
        }
    }

    @Test
    void anUnknownAddressTypeCloses() throws Exception {
        try (RawClient client = new RawClient(socks.localAddress())) {
            client.send(GREETING + "05 01 00 05 7f000001 0050");
            assertThat(client.readToEnd()).isEqualTo("0500");
        }
    }

    @Test
    void socks4IsRejected() throws Exception {
        try (RawClient client = new RawClient(socks.localAddress())) {
            client.send("04 01 0050 7f000001 00");
            assertThat(client.readToEnd()).isEqualTo("005b000000000000");
        }
    }

    @Test
    void junkCloses() throws Exception {
        try (RawClient client = new RawClient(socks.localAddress())) {
            client.send("474554202f20485454502f312e310d0a");
            assertThat(client.readToEnd()).isEmpty();
        }
    }

    @Test
    void idleClientsAreClosedAfterTheHandshakeTimeout() throws Exception {
        try (FrontEndListener server = FrontEndListener.socks5(Loops.GROUP,
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), recording, Duration.ofMillis(200))
                .join(); RawClient client = new RawClient(server.localAddress())) {
            client.send(GREETING);
            assertThat(client.read(2)).isEqualTo("0500");
            assertThat(client.closedByServer()).isTrue();
        }
    }
}
