package dev.alknet.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alknet.core.config.HostPort;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ForwardSpecTest {

    @Test
    void threePartsBindLoopback() {
        assertThat(LocalForward.parse("5432:db.internal:5432"))
                .isEqualTo(new LocalForward(new HostPort("127.0.0.1", 5432), new HostPort("db.internal", 5432)));
    }

    @Test
    void fourPartsWithIpv6OnBothSides() {
        LocalForward forward = LocalForward.parse("[::1]:8080:[fd00::5]:80");
        assertThat(forward).isEqualTo(new LocalForward(new HostPort("::1", 8080), new HostPort("fd00::5", 80)));
        assertThat(forward).hasToString("[::1]:8080:[fd00::5]:80");
    }

    @Test
    void remoteSpecsParseTheSameWay() {
        assertThat(RemoteForward.parse("0.0.0.0:9736:localhost:9736"))
                .isEqualTo(new RemoteForward(new HostPort("0.0.0.0", 9736), new HostPort("localhost", 9736)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "8080:host| found 2 parts",
        "a:1:b:2:c| found 5 parts",
        "x:host:80| bind port \"x\" must be a number 0-65535",
        "1:host:0| target port \"0\" must be a number 1-65535",
        "1:host:65536| target port \"65536\" must be a number 1-65535",
        ":80:h:80| bind address is empty",
        "[::1:80:h:80| '[' without ']'",
        "[nothex]:80:h:80| bind address \"[nothex]\" is not a bracketed IPv6 address",
        "1:ho st:80| target host \"ho st\" is not a host name",
        "1::80| target host is empty"})
    void errorsNameTheSpecAndThePart(String spec, String reason) {
        assertThatThrownBy(() -> LocalForward.parse(spec))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid -L spec \"" + spec + "\": ")
                .hasMessageContaining(reason.trim());
    }

    @Test
    void remoteErrorsSayR() {
        assertThatThrownBy(() -> RemoteForward.parse("1:2")).hasMessageStartingWith("invalid -R spec");
    }
}
