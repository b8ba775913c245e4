package dev.alknet.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TransportKindTest {

    @ParameterizedTest
    @EnumSource(TransportKind.class)
    void wireNamesRoundTrip(TransportKind kind) {
        assertThat(TransportKind.parse(kind.wireName())).isEqualTo(kind);
        assertThat(TransportKind.parse(kind.wireName().toUpperCase())).isEqualTo(kind);
    }

    @Test
    void inMemoryAcceptsBothSeparators() {
        assertThat(TransportKind.IN_MEMORY.wireName()).isEqualTo("in-memory");
        assertThat(TransportKind.parse("in_memory")).isEqualTo(TransportKind.IN_MEMORY);
    }

    @Test
    void unknownNamesListTheChoices() {
        assertThatThrownBy(() -> TransportKind.parse("carrier-pigeon"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("carrier-pigeon")
                .hasMessageContaining("tcp");
    }

    @Test
    void remoteIpHasNoPort() {
        TransportInfo info = TransportInfo.of(new InetSocketAddress("127.0.0.1", 4242), TransportKind.TCP);
        assertThat(info.remoteIp()).isEqualTo("127.0.0.1");
        assertThat(TransportInfo.inMemory().remoteIp()).isEqualTo("unknown");
        assertThat(TransportInfo.inMemory().serverName()).isEmpty();
    }
}
