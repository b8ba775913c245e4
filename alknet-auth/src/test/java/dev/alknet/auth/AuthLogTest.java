package dev.alknet.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alknet.core.TransportInfo;
import dev.alknet.core.TransportKind;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AuthLogTest {

    private final RecordingLogger recorder = new RecordingLogger();
    private final AuthLog log = new AuthLog(recorder.logger());

    static TransportInfo tcp(String ip, int port) {
        return TransportInfo.of(new InetSocketAddress(ip, port), TransportKind.TCP);
    }

    @Test
    void writesTheSpecLinesWithTheIpButNoPort() {
        TransportInfo tls = TransportInfo.of(new InetSocketAddress("203.0.113.50", 50123), TransportKind.TLS);

        log.connectionOpened(tls);
        log.authRejected(tls, "root", Fixtures.USER_FINGERPRINT, AuthFailure.KEY_REJECTED);
        log.authAccepted(tls, "alice", Fixtures.USER_FINGERPRINT);
        log.connectionClosed(tls, Duration.ofMillis(12_345));
        log.connectionRejected(tcp("198.51.100.4", 1));

        assertThat(recorder.lines()).containsExactly(
                "connection opened remote_addr=203.0.113.50 transport=tls",
                "auth attempt remote_addr=203.0.113.50 user=root key_fingerprint=" + Fixtures.USER_FINGERPRINT
                        + " result=reject reason=key_rejected",
                "auth attempt remote_addr=203.0.113.50 user=alice key_fingerprint=" + Fixtures.USER_FINGERPRINT
                        + " result=accept",
                "connection closed remote_addr=203.0.113.50 duration=12.345",
                "connection rejected remote_addr=198.51.100.4 transport=tcp reason=rate_limit");
    }

    @Test
    void writesIpv6CompactAndUnknownWithoutAnAddress() {
        log.connectionOpened(tcp("0:0:0:0:0:0:0:1", 22));
        log.authRejected(TransportInfo.inMemory(), "", null, AuthFailure.TOO_MANY_ATTEMPTS);

        assertThat(recorder.lines()).containsExactly(
                "connection opened remote_addr=::1 transport=tcp",
                "auth attempt remote_addr=unknown user=- key_fingerprint=- result=reject reason=too_many_attempts");
    }

    @Test
    void userNamesCannotForgeFieldsOrLines() {
        log.authRejected(tcp("203.0.113.9", 1), "x remote_addr=1.2.3.4\r\nauth attempt remote_addr=6.6.6.6\u2028",
                null, AuthFailure.KEY_REJECTED);

        assertThat(recorder.lines()).containsExactly("auth attempt remote_addr=203.0.113.9 "
                + "user=x?remote_addr?1.2.3.4??auth?attempt?remote_addr?6.6.6.6? key_fingerprint=- result=reject "
                + "reason=key_rejected");
    }

    @Test
    void longUserNamesAreCut() {
        log.authAccepted(tcp("203.0.113.9", 1), "a".repeat(500), Fixtures.USER_FINGERPRINT);

        assertThat(recorder.lines().get(0)).contains(" user=" + "a".repeat(64) + "+ ");
    }
}
