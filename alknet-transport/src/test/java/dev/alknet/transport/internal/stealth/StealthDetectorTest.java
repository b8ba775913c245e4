package dev.alknet.transport.internal.stealth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class StealthDetectorTest {

    private static final byte[] BANNER = ascii("SSH-2.0-OpenSSH_9.2p1\r\n");

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static void assertPassedThrough(DetectorHarness.Outcome outcome, byte[] expected) {
        assertThat(outcome.sshInstalled()).isTrue();
        assertThat(outcome.toSsh()).isEqualTo(expected);
        assertThat(outcome.written()).isEmpty();
        assertThat(outcome.open()).isTrue();
    }

    private static void assertNotFound(DetectorHarness.Outcome outcome) {
        assertThat(outcome.sshInstalled()).isFalse();
        assertThat(outcome.toSsh()).isEmpty();
        assertThat(new String(outcome.written(), StandardCharsets.US_ASCII))
                .isEqualTo("HTTP/1.1 404 Not Found\r\nServer: nginx\r\n\r\n");
        assertThat(outcome.open()).isFalse();
    }

    @Test
    void sshBannerPassesThroughByteExact() {
        DetectorHarness h = new DetectorHarness().read(BANNER);
        assertThat(h.channel.pipeline().get(StealthDetector.class)).as("removed itself").isNull();
        assertPassedThrough(h.outcome(), BANNER);
    }

    @Test
    void sshBannerOneByteAtATime() {
        DetectorHarness h = new DetectorHarness();
        for (byte b : BANNER) {
            h.read(new byte[] {b});
        }
        assertPassedThrough(h.outcome(), BANNER);
    }

    @Test
    void bytesAfterTheBannerInTheSameReadAndLaterReadsFollow() {
        byte[] first = ascii("SSH-2.0-x\r\n\0\0\0\u00bc\u0014key exchange...");
        byte[] later = ascii("more");
        DetectorHarness h = new DetectorHarness().read(first).read(later);
        byte[] expected = new byte[first.length + later.length];
        System.arraycopy(first, 0, expected, 0, first.length);
        System.arraycopy(later, 0, expected, first.length, later.length);
        assertPassedThrough(h.outcome(), expected);
    }

    @Test
    void httpGetsTheNotFound() {
        assertNotFound(new DetectorHarness().read(ascii("GET / HTTP/1.1\r\nHost: x\r\n\r\n")).outcome());
    }

    @Test
    void sshVersionOneGetsTheNotFound() {
        assertNotFound(new DetectorHarness().read(ascii("SSH-1.99-OpenSSH_3.9\r\n")).outcome());
    }

    @Test
    void randomBytesGetTheNotFound() {
        assertNotFound(new DetectorHarness().read(new byte[] {0x16, 0x03, 0x01, 0x00, 0x05, 1, 2, 3, 4, 5})
                .outcome());
    }

    @Test
    void shortInputThenEofGetsTheNotFound() {
        assertNotFound(new DetectorHarness().read(ascii("SSH")).eof().outcome());
    }

    @Test
    void nothingThenEofGetsTheNotFound() {
        assertNotFound(new DetectorHarness().eof().outcome());
    }

    @Test
    void shortInputThenSilenceTimesOutToTheNotFound() {
        DetectorHarness h = new DetectorHarness().read(ascii("SSH")).elapse(Duration.ofSeconds(1));
        assertThat(h.channel.isOpen()).as("still waiting before the timeout").isTrue();
        assertNotFound(h.elapse(DetectorHarness.TIMEOUT).outcome());
    }

    @Test
    void silenceTimesOutToTheNotFound() {
        assertNotFound(new DetectorHarness().elapse(DetectorHarness.TIMEOUT).outcome());
    }

    @Test
    void emptyReadsAreIgnored() {
        assertPassedThrough(new DetectorHarness().read(new byte[0]).read(BANNER).read(new byte[0]).outcome(),
                BANNER);
    }

    @Test
    void closeWhileWaitingReleasesWhatWasHeld() {
        DetectorHarness h = new DetectorHarness().read(ascii("SSH-2"));
        h.channel.close();
        DetectorHarness.Outcome outcome = h.outcome();
        assertThat(outcome.written()).isEmpty();
        assertThat(outcome.sshInstalled()).isFalse();
    }
}
