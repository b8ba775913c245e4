package dev.alknet.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HostPortTest {

    @ParameterizedTest
    @CsvSource({
        "0.0.0.0:22, 0.0.0.0, 22",
        "localhost:0, localhost, 0",
        "relay.alk.dev:443, relay.alk.dev, 443",
        "[::]:443, ::, 443",
        "[::1]:65535, ::1, 65535",
        "[fe80::1%eth0]:22, fe80::1%eth0, 22",
        "[::ffff:10.0.0.1]:80, ::ffff:10.0.0.1, 80",
    })
    void parsesAndPrintsBack(String text, String host, int port) {
        HostPort parsed = HostPort.parse(text);
        assertThat(parsed).isEqualTo(new HostPort(host, port));
        assertThat(parsed).hasToString(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ":22", "host", "host:", "host:+22", "host:-1", "host:65536", "host:1e3",
        "host:٢٢", "::1:22", "[::1]", "[::1]x22", "[::1:22", "[host]:22", "ho st:22", " host:22", "host:22 ",
        "a/b:22"})
    void rejectsWhatCannotBeAnAddress(String text) {
        assertThatThrownBy(() -> HostPort.parse(text)).isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).keyPath()).isEmpty());
    }
}
