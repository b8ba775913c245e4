package dev.alknet.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alknet.core.TransportKind;
import dev.alknet.core.policy.ForwardingPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The value types on their own: validation with relative key paths, and copying with changes. */
class ConfigValuesTest {

    private static final TlsFiles TLS = new TlsFiles(Path.of("cert.pem"), Path.of("key.pem"));

    private static ConfigException configError(Runnable build) {
        try {
            build.run();
        } catch (ConfigException e) {
            return e;
        }
        throw new AssertionError("expected a ConfigException");
    }

    @Test
    void listenerBuilderCopiesAndChanges() {
        ListenerConfig tls = ListenerConfig.tls(new HostPort("0.0.0.0", 443), TLS);
        ListenerConfig stealth = tls.toBuilder().stealth(true).build();

        assertThat(stealth.stealth()).isTrue();
        assertThat(stealth.toBuilder().stealth(false).build()).isEqualTo(tls);
        assertThat(tls.toBuilder().transport(TransportKind.TCP).tls(null).build())
                .isEqualTo(ListenerConfig.tcp(new HostPort("0.0.0.0", 443)));
    }

    @Test
    void listenerCombinationsThatCannotWork() {
        ListenerConfig.Builder tcp = ListenerConfig.builder();
        assertThat(configError(() -> tcp.tls(TLS).build()).keyPath()).isEqualTo("tls");
        assertThat(configError(() -> ListenerConfig.builder().stealth(true).build()).keyPath()).isEqualTo("stealth");
        assertThat(configError(() -> ListenerConfig.builder().transport(TransportKind.TLS).build()).keyPath())
                .isEqualTo("tls");
        assertThat(configError(() -> ListenerConfig.builder().transport(TransportKind.QUIC).build()).reason())
                .isEqualTo("transport 'quic' is not supported by alknet-java listeners yet; use tcp or tls");
        assertThat(configError(() -> ListenerConfig.builder().transport(TransportKind.IROH).build()).reason())
                .isEqualTo("iroh transport is not supported by alknet-java; use tls");
        assertThat(configError(() -> new TlsFiles(null, Path.of("k"))).keyPath()).isEqualTo("cert");
        assertThat(configError(() -> new TlsFiles(Path.of("c"), null)).keyPath()).isEqualTo("key");
    }

    @Test
    void staticConfigWithers() {
        StaticConfig config = StaticConfig.defaults()
                .withHostKey(Path.of("host_key"))
                .withProxy(OutboundProxy.parse("socks5://127.0.0.1:1080"))
                .withListeners(List.of(ListenerConfig.tcp(new HostPort("127.0.0.1", 2222))));

        assertThat(config).isEqualTo(new StaticConfig(List.of(ListenerConfig.tcp(new HostPort("127.0.0.1", 2222))),
                Optional.of(Path.of("host_key")), Optional.of(OutboundProxy.parse("socks5://127.0.0.1:1080"))));
        assertThat(config.withHostKey(null).withProxy(null).withListeners(StaticConfig.defaults().listeners()))
                .isEqualTo(StaticConfig.defaults());
    }

    @Test
    void staticConfigListenerChecks() {
        assertThat(configError(() -> StaticConfig.defaults().withListeners(List.of())).keyPath())
                .isEqualTo("listeners");
        ListenerConfig any = ListenerConfig.tcp(new HostPort("127.0.0.1", 0));
        ListenerConfig ssh = ListenerConfig.tcp(new HostPort("127.0.0.1", 22));
        assertThat(StaticConfig.defaults().withListeners(List.of(any, any)).listeners()).hasSize(2);
        assertThat(configError(() -> StaticConfig.defaults().withListeners(List.of(any, ssh, ssh))).keyPath())
                .isEqualTo("listeners[2].listen");
    }

    @Test
    void dynamicConfigWithers() {
        AuthConfig auth = AuthConfig.empty().withToken(new TokenSettings(true, Duration.ofSeconds(30)));
        DynamicConfig config = DynamicConfig.defaults()
                .withAuth(auth)
                .withForwarding(ForwardingPolicy.denyAll())
                .withRateLimits(RateLimits.defaults().withMaxConnectionsPerIp(4).withMaxAuthAttempts(2));

        assertThat(config).isEqualTo(new DynamicConfig(auth, ForwardingPolicy.denyAll(), new RateLimits(4, 2)));
        assertThat(DynamicConfig.defaults()).isEqualTo(
                new DynamicConfig(AuthConfig.empty(), ForwardingPolicy.allowAll(), new RateLimits(0, 10)));
    }

    @Test
    void authConfigWithers() {
        KeyEntry key = new KeyEntry(ConfigFixtures.ALICE, AuthConfig.DEFAULT_SCOPES, Map.of(), "test");
        AuthConfig auth = AuthConfig.empty().withAuthorizedKeys(List.of(key)).withCertAuthorities(List.of(key));

        assertThat(auth).isEqualTo(new AuthConfig(List.of(key), List.of(key), TokenSettings.defaults()));
    }

    @Test
    void limitsAndTokenWindowRanges() {
        assertThat(configError(() -> new RateLimits(-1, 0)).keyPath()).isEqualTo("max_connections_per_ip");
        assertThat(configError(() -> new RateLimits(0, -1)).keyPath()).isEqualTo("max_auth_attempts");
        assertThat(configError(() -> new TokenSettings(true, Duration.ofMillis(999))).keyPath())
                .isEqualTo("max_age_seconds");
    }

    @Test
    void keyEntriesAreFrozenAndCheckGrants() {
        KeyEntry entry = new KeyEntry(ConfigFixtures.ALICE, new java.util.ArrayList<>(List.of("relay:connect")),
                Map.of("service", List.of("gitea")), "test");
        assertThatThrownBy(() -> entry.scopes().add("x")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> entry.resources().get("service").add("x"))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(configError(() -> new KeyEntry(ConfigFixtures.ALICE, List.of(), Map.of("", List.of("x")), "t"))
                .keyPath()).isEqualTo("resources");
        assertThat(configError(() -> new KeyEntry(ConfigFixtures.ALICE, List.of(), Map.of("service", List.of(" ")),
                "t")).keyPath()).isEqualTo("resources.service");
    }

    @Test
    void exceptionMessageLeavesOutUnknownParts() {
        assertThat(new ConfigException("server.listen", "bad")).hasMessage("server.listen: bad");
        assertThat(new ConfigException("f.toml", 0, "", "bad", null)).hasMessage("f.toml: bad");
        assertThat(new ConfigException("f.toml", 3, "a", "bad", null)).hasMessage("f.toml:3: a: bad");
        assertThat(new ConfigException(null, 3, "", "bad", null)).hasMessage("line 3: bad");
        assertThat(new ConfigException("", "bad").line()).isEmpty();
    }
}
