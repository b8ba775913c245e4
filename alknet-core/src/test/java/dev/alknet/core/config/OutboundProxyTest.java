package dev.alknet.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OutboundProxyTest {

    @Test
    void socks5AndHttp() {
        assertThat(OutboundProxy.parse("socks5://127.0.0.1:1080"))
                .isEqualTo(new OutboundProxy(OutboundProxy.Scheme.SOCKS5, new HostPort("127.0.0.1", 1080)));
        assertThat(OutboundProxy.parse("HTTP://[::1]:3128/"))
                .isEqualTo(new OutboundProxy(OutboundProxy.Scheme.HTTP, new HostPort("::1", 3128)))
                .hasToString("http://[::1]:3128");
    }

    @ParameterizedTest
    @ValueSource(strings = {"socks4://h:1", "https://h:1", "h:1080", "://h:1", "socks5://h:1/path", "http://h:1?x",
        "socks5://h:0", "socks5://h"})
    void rejectsOtherForms(String url) {
        assertThatThrownBy(() -> OutboundProxy.parse(url)).isInstanceOf(ConfigException.class);
    }

    @Test
    void neverRepeatsAUrlWithCredentials() {
        assertThatThrownBy(() -> OutboundProxy.parse("socks4://alice:s3cret@h:1"))
                .isInstanceOf(ConfigException.class).message().doesNotContain("s3cret");
    }
}
