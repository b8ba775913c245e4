package dev.alknet.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alknet.core.config.ConfigException;
import java.net.URI;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class RemoteServerProperties {

    @Property
    void anyTextIsAServerOrAnArgumentError(@ForAll("serverish") String text) {
        try {
            RemoteServer server = RemoteServer.parse(text);
            assertThat(server.address()).isNotNull();
            if (server.isWebSocket()) {
                assertThat(server.webSocket().getQuery()).isNull();
                assertThat(server.webSocket().getPort()).isEqualTo(server.address().port());
            }
        } catch (ConfigException | IllegalArgumentException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    @Property
    void aWebSocketUrlKeepsItsHostPortAndPath(@ForAll("urls") String url) {
        RemoteServer server = RemoteServer.parse(url);
        URI uri = URI.create(url);
        assertThat(server.webSocket().getHost()).isEqualTo(uri.getHost());
        assertThat(server.webSocket().getRawPath()).isEqualTo(uri.getRawPath().isEmpty() ? "/alknet"
                : uri.getRawPath());
        assertThat(server.secure()).isEqualTo(url.startsWith("wss"));
    }

    @Example
    void defaultsAndRefusals() {
        assertThat(RemoteServer.parse("ws://127.0.0.1").webSocket()).hasToString("ws://127.0.0.1:80/alknet");
        assertThat(RemoteServer.parse("WSS://[::1]/mesh").webSocket()).hasToString("wss://[::1]:443/mesh");
        assertThat(RemoteServer.parse("WSS://[::1]/mesh").address().host()).isEqualTo("::1");
        assertThat(RemoteServer.parse("127.0.0.1:2222").isWebSocket()).isFalse();
        assertThatThrownBy(() -> RemoteServer.parse("ws://u@h/x")).hasMessageContaining("no user, query");
        assertThatThrownBy(() -> RemoteServer.parse("ws://h/x#f")).hasMessageContaining("no user, query");
        assertThatThrownBy(() -> RemoteServer.parse("ws:// h")).hasMessageContaining("not a WebSocket URL");
    }

    @Provide
    Arbitrary<String> serverish() {
        Arbitrary<String> prefix = Arbitraries.of("", "ws://", "wss://", "WS://", "http://", "ws:/");
        Arbitrary<String> rest = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(30),
                Arbitraries.strings().withChars("h.:/[]?#@%1 0").ofMaxLength(20));
        return Combinators.combine(prefix, rest).as(String::concat);
    }

    @Provide
    Arbitrary<String> urls() {
        Arbitrary<String> scheme = Arbitraries.of("ws", "wss");
        Arbitrary<String> host = Arbitraries.of("127.0.0.1", "localhost", "head.example", "[::1]");
        Arbitrary<String> port = Arbitraries.oneOf(Arbitraries.just(""),
                Arbitraries.integers().between(1, 65535).map(p -> ":" + p));
        Arbitrary<String> path = Arbitraries.oneOf(Arbitraries.just(""), Arbitraries.strings().withCharRange('a', 'z')
                .ofMinLength(1).ofMaxLength(8).map(p -> "/" + p));
        return Combinators.combine(scheme, host, port, path).as((s, h, p, q) -> s + "://" + h + p + q);
    }
}
