package dev.alknet.transport.internal.socks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alknet.transport.FrontEndListener;
import dev.alknet.transport.TunnelOpenException.Reason;
import dev.alknet.transport.testing.LeakRecorder;
import dev.alknet.transport.testing.Loops;
import dev.alknet.transport.testing.Openers;
import dev.alknet.transport.testing.RawClient;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.constraints.Size;

class Socks5FuzzProperties {

    private static FrontEndListener socks;

    @BeforeContainer
    static void start() {
        // A failing opener: arbitrary CONNECT targets must never produce real connections.
        socks = FrontEndListener.socks5(Loops.GROUP, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                Openers.failing(Reason.UNREACHABLE), Duration.ofMillis(300)).join();
    }

    @AfterContainer
    static void stop() throws Exception {
        socks.close();
        LeakRecorder.assertNoLeaks();
    }

    @Property(tries = 200)
    void arbitraryBytesGetASpecReplyOrAClose(@ForAll @Size(max = 64) byte[] input) throws Exception {
        try (RawClient client = new RawClient(socks.localAddress())) {
            client.send(input);
            client.socket().shutdownOutput();
            String reply = client.readToEnd();
            // Whatever came back is a prefix of the replies the spec allows, and then the server closed.
            assertThat(reply).matches("|05(ff|00(05(01|04|07)0001000000000000)?)|005b000000000000");
        }
        try (RawClient good = new RawClient(socks.localAddress())) {
            good.send("050100" + "050100017f0000010050");
            assertThat(good.readToEnd()).isEqualTo("0500" + "05040001000000000000");
        }
    }
}
