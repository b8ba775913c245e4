package dev.alknet.core.config;

import static dev.alknet.core.config.ConfigFixtures.ALICE;
import static dev.alknet.core.config.ConfigFixtures.BOB;
import static dev.alknet.core.config.ConfigFixtures.CA;
import static dev.alknet.core.config.ConfigFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.alknet.core.Identity;
import dev.alknet.core.TransportKind;
import dev.alknet.core.policy.ForwardingAction;
import dev.alknet.core.policy.ForwardingPolicy;
import dev.alknet.core.policy.RuleText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    @Test
    void specExampleLoadsIntoTheExpectedObjects() {
        Path etc = dir.resolve("etc");
        Path file = write(dir.resolve("alknet.toml"), ConfigFixtures.specExample(etc));

        AlknetConfig config = ConfigLoader.load(file);

        TlsFiles tls = new TlsFiles(etc.resolve("tls/cert.pem"), etc.resolve("tls/key.pem"));
        assertThat(config.staticConfig()).isEqualTo(new StaticConfig(
                List.of(ListenerConfig.tls(new HostPort("0.0.0.0", 443), tls).toBuilder().stealth(true).build(),
                        ListenerConfig.tcp(new HostPort("0.0.0.0", 22))),
                Optional.of(etc.resolve("ssh/host_key")),
                Optional.empty()));
        DynamicConfig dynamic = config.dynamicConfig();
        assertThat(dynamic.rateLimits()).isEqualTo(new RateLimits(5, 3));
        assertThat(dynamic.auth()).isEqualTo(AuthConfig.empty());
        assertThat(dynamic.forwarding()).isEqualTo(ForwardingPolicy.parse("deny", List.of(
                RuleText.of("localhost:*", "allow"), RuleText.of("alknet-*", "allow"), RuleText.of("*:22", "deny"))));
        Identity anyone = Identity.anonymous();
        assertThat(dynamic.forwarding().permits("localhost", 8080, anyone, TransportKind.TLS)).isTrue();
        assertThat(dynamic.forwarding().permits("alknet-control", 0, anyone, TransportKind.TLS)).isTrue();
        assertThat(dynamic.forwarding().permits("example.com", 22, anyone, TransportKind.TLS)).isFalse();
        assertThat(dynamic.forwarding().permits("example.com", 443, anyone, TransportKind.TLS)).isFalse();
    }

    @Test
    void theExampleInTheDocsLoads() throws Exception {
        String doc = Files.readString(Path.of("../docs/configuration.md"));
        int start = doc.indexOf("```toml", doc.indexOf("## A complete example")) + "```toml".length();
        Path etc = dir.resolve("etc");
        String example = doc.substring(start, doc.indexOf("```", start))
                .replace("/etc/alknet/", etc.toString().replace('\\', '/') + "/");
        for (String name : List.of("ssh/host_key", "authorized_keys", "ca.pub", "tls/cert.pem", "tls/key.pem")) {
            write(etc.resolve(name), name.endsWith(".pub") ? CA + "\n" : ALICE + "\n");
        }

        AlknetConfig config = ConfigLoader.load(write(etc.resolve("alknet.toml"), example));

        assertThat(config.staticConfig().listeners()).extracting(ListenerConfig::listen).map(HostPort::toString)
                .containsExactly("0.0.0.0:443", "0.0.0.0:22", "127.0.0.1:7000", "127.0.0.1:8080");
        assertThat(config.staticConfig().hostKey()).contains(etc.resolve("ssh/host_key"));
        assertThat(config.dynamicConfig().auth().authorizedKeys()).hasSize(2);
        assertThat(config.dynamicConfig().forwarding().rules()).hasSize(3);
    }

    @Test
    void emptyFileGivesTheDefaults() {
        AlknetConfig config = ConfigLoader.load(write(dir.resolve("empty.toml"), "# nothing set\n"));

        assertThat(config).isEqualTo(AlknetConfig.defaults());
        ListenerConfig listener = config.staticConfig().listeners().get(0);
        assertThat(listener.transport()).isEqualTo(TransportKind.TCP);
        assertThat(listener.interfaceKind()).isEqualTo(InterfaceKind.SSH);
        assertThat(listener.listen()).hasToString("0.0.0.0:22");
        assertThat(listener.tls()).isEmpty();
        assertThat(listener.stealth()).isFalse();
        assertThat(config.staticConfig().hostKey()).isEmpty();
        assertThat(config.staticConfig().proxy()).isEmpty();
        assertThat(config.dynamicConfig().forwarding()).isEqualTo(ForwardingPolicy.allowAll());
        assertThat(config.dynamicConfig().rateLimits()).isEqualTo(new RateLimits(0, 10));
        assertThat(config.dynamicConfig().auth().token()).isEqualTo(new TokenSettings(false, Duration.ofSeconds(300)));
    }

    @Test
    void serverTableAloneBuildsOneListener() {
        write(dir.resolve("certs/site.pem"), "c");
        write(dir.resolve("certs/site.key"), "k");
        AlknetConfig config = ConfigLoader.parse("""
                [server]
                transport = "tls"
                listen = "[::1]:8443"
                stealth = true
                proxy = "socks5://127.0.0.1:1080"
                [server.tls]
                cert = "certs/site.pem"
                key = "certs/site.key"
                """, dir);

        assertThat(config.staticConfig().listeners()).containsExactly(ListenerConfig.builder()
                .transport(TransportKind.TLS).listen(new HostPort("::1", 8443)).stealth(true)
                .tls(new TlsFiles(dir.resolve("certs/site.pem"), dir.resolve("certs/site.key"))).build());
        assertThat(config.staticConfig().proxy())
                .contains(new OutboundProxy(OutboundProxy.Scheme.SOCKS5, new HostPort("127.0.0.1", 1080)));
    }

    @Test
    void listenersWithDefaultsAndInterfaces() {
        AlknetConfig config = ConfigLoader.parse("""
                [[listeners]]
                [[listeners]]
                listen = "127.0.0.1:7000"
                interface = "raw"
                [[listeners]]
                transport = "TCP"
                listen = "localhost:0"
                [[listeners]]
                listen = "localhost:0"
                [[listeners]]
                listen = "127.0.0.1:8080"
                interface = "websocket"
                [[listeners]]
                listen = "127.0.0.1:8081"
                interface = "websocket"
                path = "/mesh/v1"
                allowed_origins = ["https://App.Example:443", "http://localhost:3000"]
                """, dir);

        assertThat(config.staticConfig().listeners()).containsExactly(
                ListenerConfig.builder().build(),
                ListenerConfig.builder().listen(new HostPort("127.0.0.1", 7000)).interfaceKind(InterfaceKind.RAW)
                        .build(),
                ListenerConfig.tcp(new HostPort("localhost", 0)),
                ListenerConfig.tcp(new HostPort("localhost", 0)),
                ListenerConfig.builder().listen(new HostPort("127.0.0.1", 8080)).interfaceKind(InterfaceKind.WEBSOCKET)
                        .build(),
                ListenerConfig.builder().listen(new HostPort("127.0.0.1", 8081)).interfaceKind(InterfaceKind.WEBSOCKET)
                        .path("/mesh/v1")
                        .origins(OriginPolicy.of(List.of("https://app.example", "http://localhost:3000"))).build());
        assertThat(config.staticConfig().listeners().get(4).origins()).isEqualTo(OriginPolicy.noPages());
        assertThat(config.staticConfig().listeners().get(4).websocketPath()).isEqualTo("/alknet");
        assertThat(config.staticConfig().listeners().get(5).websocketPath()).isEqualTo("/mesh/v1");
    }

    @Test
    void listenersReplaceTheServerListenerButShareItsLimitsAndProxy() {
        AlknetConfig config = ConfigLoader.parse("""
                [server]
                listen = "0.0.0.0:2222"
                max_auth_attempts = 0
                proxy = "http://proxy.internal:3128/"
                [[listeners]]
                listen = "127.0.0.1:22"
                """, dir);

        assertThat(config.staticConfig().listeners()).containsExactly(ListenerConfig.tcp(new HostPort("127.0.0.1", 22)));
        assertThat(config.staticConfig().proxy()).map(OutboundProxy::toString).contains("http://proxy.internal:3128");
        assertThat(config.dynamicConfig().rateLimits()).isEqualTo(new RateLimits(0, 0));
    }

    @Test
    void authReadsKeyFilesAndInlineKeysWithTheirGrants() {
        write(dir.resolve("keys/authorized_keys"), """
                # team keys
                %s

                no-pty,permit-port-forwarding %s
                """.formatted(ALICE, BOB));
        write(dir.resolve("keys/ca.pub"), CA + "\n");
        Path file = write(dir.resolve("conf/alknet.toml"), """
                [auth]
                authorized_keys = "../keys/authorized_keys"
                cert_authority = "../keys/ca.pub"
                default_scopes = ["relay:connect", "service:gitea:read"]

                [[auth.keys]]
                key = "cert-authority,permit-port-forwarding %s"

                [[auth.keys]]
                key = "%s"
                scopes = ["relay:connect", "service:gitea:write"]
                resources = { service = ["gitea", "registry"] }

                [auth.token]
                enabled = true
                max_age_seconds = 60
                """.formatted(CA, BOB));

        AuthConfig auth = ConfigLoader.load(file).dynamicConfig().auth();

        List<String> defaults = List.of("relay:connect", "service:gitea:read");
        Path keys = dir.resolve("keys/authorized_keys");
        assertThat(auth.authorizedKeys()).containsExactly(
                new KeyEntry(ALICE, defaults, Map.of(), keys + ":2"),
                new KeyEntry("no-pty,permit-port-forwarding " + BOB, defaults, Map.of(), keys + ":4"),
                new KeyEntry("cert-authority,permit-port-forwarding " + CA, defaults, Map.of(),
                        file + ":6 (auth.keys[0])"),
                new KeyEntry(BOB, List.of("relay:connect", "service:gitea:write"),
                        Map.of("service", List.of("gitea", "registry")), file + ":9 (auth.keys[1])"));
        assertThat(auth.certAuthorities())
                .containsExactly(new KeyEntry(CA, defaults, Map.of(), dir.resolve("keys/ca.pub") + ":1"));
        assertThat(auth.token()).isEqualTo(new TokenSettings(true, Duration.ofSeconds(60)));
    }

    @Test
    void keysFromAFileGetTheSpecDefaultScopes() {
        write(dir.resolve("authorized_keys"), ALICE + "\r\n");
        AuthConfig auth = ConfigLoader.parse("[auth]\nauthorized_keys = \"authorized_keys\"\n", dir)
                .dynamicConfig().auth();

        assertThat(auth.authorizedKeys()).singleElement().satisfies(entry -> {
            assertThat(entry.line()).isEqualTo(ALICE);
            assertThat(entry.scopes()).containsExactly("relay:connect");
            assertThat(entry.origin()).isEqualTo(dir.resolve("authorized_keys") + ":1");
        });
    }

    @Test
    void forwardingRulesCarryPrincipalsAndTransports() {
        ForwardingPolicy policy = ConfigLoader.parse("""
                [forwarding]
                default = "allow"
                [[forwarding.rules]]
                target = "10.0.0.0/8"
                action = "deny"
                principals = ["admin"]
                transports = ["tls"]
                """, dir).dynamicConfig().forwarding();

        assertThat(policy.defaultAction()).isEqualTo(ForwardingAction.ALLOW);
        assertThat(policy).isEqualTo(ForwardingPolicy.parse("allow",
                List.of(new RuleText("10.0.0.0/8", "deny", List.of("admin"), List.of("tls")))));
        assertThat(policy.permits("10.1.2.3", 80, Identity.of("k", "admin"), TransportKind.TLS)).isFalse();
        assertThat(policy.permits("10.1.2.3", 80, Identity.of("k", "admin"), TransportKind.TCP)).isTrue();
    }

    @Test
    void loadDynamicGivesTheReloadablePart() {
        Path file = write(dir.resolve("alknet.toml"), """
                [server]
                max_connections_per_ip = 2
                [forwarding]
                default = "deny"
                """);

        DynamicConfig dynamic = ConfigLoader.loadDynamic(file);

        assertThat(dynamic.rateLimits()).isEqualTo(new RateLimits(2, 10));
        assertThat(dynamic.forwarding()).isEqualTo(ForwardingPolicy.denyAll());
    }

    @Test
    void absolutePathsAreKeptAndRelativeOnesResolveAgainstTheBaseDirectory() {
        Path hostKey = write(dir.resolve("elsewhere/host_key"), "k");
        write(dir.resolve("ssh/host_key"), "k");

        assertThat(ConfigLoader.parse("[auth]\nhost_key = \"" + hostKey.toString().replace('\\', '/') + "\"\n",
                Path.of("/")).staticConfig().hostKey()).contains(hostKey);
        assertThat(ConfigLoader.parse("[auth]\nhost_key = \"./ssh/../ssh/host_key\"\n", dir)
                .staticConfig().hostKey()).contains(dir.resolve("ssh/host_key"));
    }
}
