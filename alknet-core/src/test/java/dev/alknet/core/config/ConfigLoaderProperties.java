package dev.alknet.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.StringLength;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** Whatever the text, loading gives a config or a located {@link ConfigException}, never anything else. */
class ConfigLoaderProperties {

    private static Path dir;

    /** A config touching every section, with the files it names present in {@link #dir}. */
    private static final String VALID = """
            [server]
            transport = "tls"
            listen = "0.0.0.0:443"
            max_connections_per_ip = 5
            max_auth_attempts = 3
            proxy = "socks5://127.0.0.1:1080"
            [server.tls]
            cert = "cert.pem"
            key = "key.pem"
            [auth]
            host_key = "host_key"
            authorized_keys = "authorized_keys"
            default_scopes = ["relay:connect"]
            [[auth.keys]]
            key = "%s"
            scopes = ["relay:connect", "service:gitea:read"]
            resources = { service = ["gitea"] }
            [auth.token]
            enabled = true
            max_age_seconds = 300
            [forwarding]
            default = "deny"
            [[forwarding.rules]]
            target = "localhost:*"
            action = "allow"
            principals = ["*"]
            transports = ["tcp", "tls"]
            [[forwarding.rules]]
            target = "10.0.0.0/8:80"
            action = "deny"
            [[listeners]]
            transport = "tls"
            listen = "[::]:443"
            stealth = true
            [listeners.tls]
            cert = "cert.pem"
            key = "key.pem"
            [[listeners]]
            listen = "127.0.0.1:2222"
            interface = "raw"
            """.formatted(ConfigFixtures.ALICE);

    /** The tables of {@link #VALID} with the line of their header and the keys they know. */
    private static final List<String> TABLES = List.of("server", "server.tls", "auth", "auth.token", "forwarding",
            "listeners[1]");

    @BeforeContainer
    static void files() throws IOException {
        dir = Files.createTempDirectory("alknet-config-properties");
        ConfigFixtures.write(dir.resolve("cert.pem"), "c");
        ConfigFixtures.write(dir.resolve("key.pem"), "k");
        ConfigFixtures.write(dir.resolve("host_key"), "h");
        ConfigFixtures.write(dir.resolve("authorized_keys"), ConfigFixtures.BOB + "\n");
    }

    @AfterContainer
    static void removeFiles() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** Parses and checks the outcome, a config or an error whose line lies inside the text, and names it. */
    private static String configOrLocatedError(String text) {
        try {
            assertThat(ConfigLoader.parse(text, dir)).isNotNull();
            return "config";
        } catch (ConfigException e) {
            long lines = text.lines().count() + 1;
            e.line().ifPresent(line -> assertThat(line).isBetween(1, (int) lines));
            assertThat(e.getMessage()).doesNotContain("\n");
            return e.keyPath().isEmpty() ? "syntax error" : "config error";
        }
    }

    @Example
    void theValidConfigLoads() {
        AlknetConfig config = ConfigLoader.parse(VALID, dir);
        assertThat(config.staticConfig().listeners()).hasSize(2);
        assertThat(config.dynamicConfig().auth().authorizedKeys()).hasSize(2);
    }

    @Property
    void anyText(@ForAll String text) {
        configOrLocatedError(text);
    }

    @Property
    void textMadeOfTomlPieces(@ForAll("tomlPieces") String text) {
        configOrLocatedError(text);
    }

    @Property
    void mutatedValidConfig(@ForAll("mutations") String text) {
        Statistics.collect(configOrLocatedError(text));
        // Guards against a generator that only ever breaks the syntax and so never reaches the typed reading.
        Statistics.coverage(checker -> {
            checker.check("config").percentage(p -> p > 5);
            checker.check("syntax error").percentage(p -> p > 5);
            checker.check("config error").percentage(p -> p > 5);
        });
    }

    @Property
    void anUnknownKeyIsReportedWithItsTableAndLine(@ForAll("unknownKeys") String key, @ForAll("tables") String table) {
        List<String> lines = new ArrayList<>(VALID.lines().toList());
        int header = headerLine(lines, table);
        lines.add(header + 1, key + " = 1");

        try {
            ConfigLoader.parse(String.join("\n", lines), dir);
            throw new AssertionError("unknown key " + key + " was accepted");
        } catch (ConfigException e) {
            assertThat(e.keyPath()).isEqualTo(table + "." + key);
            assertThat(e.line()).hasValue(header + 2);
            assertThat(e.reason()).startsWith("unknown key '" + key + "'");
        }
    }

    private static int headerLine(List<String> lines, String table) {
        if (table.equals("listeners[1]")) {
            return lines.lastIndexOf("[[listeners]]");
        }
        return lines.indexOf("[" + table + "]");
    }

    @Provide
    Arbitrary<String> tables() {
        return Arbitraries.of(TABLES);
    }

    @Provide
    Arbitrary<String> unknownKeys() {
        List<String> known = List.of("transport", "listen", "stealth", "tls", "max_connections_per_ip",
                "max_auth_attempts", "proxy", "cert", "key", "host_key", "authorized_keys", "cert_authority",
                "default_scopes", "keys", "token", "enabled", "max_age_seconds", "default", "rules", "interface",
                "path", "allowed_origins", "iroh", "iroh_relay", "acme_domain");
        return Arbitraries.strings().withCharRange('a', 'z').withChars('_').ofMinLength(1).ofMaxLength(20)
                .filter(k -> !known.contains(k));
    }

    @Provide
    Arbitrary<String> tomlPieces() {
        Arbitrary<String> piece = Arbitraries.of("[server]", "[server.tls]", "[auth]", "[auth.token]", "[[auth.keys]]",
                "[forwarding]", "[[forwarding.rules]]", "[[listeners]]", "[listeners.tls]", "[server.iroh]",
                "transport", "listen", "stealth", "interface", "path", "allowed_origins", "cert", "key", "proxy", "default", "target", "action",
                "principals", "transports", "scopes", "resources", "enabled", "max_age_seconds", "max_auth_attempts",
                "max_connections_per_ip", "authorized_keys", "host_key", "iroh_relay", "listeners", "rules",
                " = ", "=", ".", ",", "[", "]", "{", "}", "\n", "\n", " ", "#", "\"", "'", "\"\"\"",
                "\"tls\"", "\"tcp\"", "\"raw\"", "\"websocket\"", "\"/alknet\"", "\"https://a.example\"",
                "\"iroh\"", "\"0.0.0.0:22\"", "\"[::1]:443\"", "\"cert.pem\"",
                "\"key.pem\"", "\"allow\"", "\"deny\"", "\"localhost:*\"", "\"10.0.0.0/8\"", "\"*\"",
                "\"socks5://h:1\"", "true", "false", "0", "-1", "3", "1.5", "99999999999999999999", "[]",
                "[\"*\"]", "{ service = [\"gitea\"] }", "1979-05-27T07:32:00Z", "\"" + ConfigFixtures.ALICE + "\"");
        return piece.list().ofMaxSize(40).map(pieces -> String.join("", pieces));
    }

    @Provide
    Arbitrary<String> mutations() {
        int length = VALID.length();
        Arbitrary<Integer> at = Arbitraries.integers().between(0, length);
        Arbitrary<String> insert = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(4),
                Arbitraries.of("\n", "[", "]", "\"", "'", "=", "#", ".", ",", "{", "}", "\"\"\"", "[[", "x = 1\n"));
        Arbitrary<String> inserted = Combinators.combine(at, insert).as(
                (i, s) -> VALID.substring(0, i) + s + VALID.substring(i));
        Arbitrary<String> deleted = Combinators.combine(at, Arbitraries.integers().between(1, 40)).as(
                (i, n) -> VALID.substring(0, i) + VALID.substring(Math.min(length, i + n)));
        Arbitrary<String> truncated = at.map(i -> VALID.substring(0, i));
        List<String> lines = VALID.lines().toList();
        Arbitrary<Integer> line = Arbitraries.integers().between(0, lines.size() - 1);
        Arbitrary<String> lineMoved = Combinators.combine(line, line).as((from, to) -> {
            List<String> moved = new ArrayList<>(lines);
            moved.add(to, moved.remove((int) from));
            return String.join("\n", moved);
        });
        Arbitrary<String> lineDuplicated = Combinators.combine(line, line).as((from, to) -> {
            List<String> copied = new ArrayList<>(lines);
            copied.add(to, lines.get(from));
            return String.join("\n", copied);
        });
        return Arbitraries.oneOf(inserted, deleted, truncated, lineMoved, lineDuplicated);
    }

    @Property
    void anyListenTextIsAnAddressOrAConfigException(@ForAll @StringLength(max = 30) String text) {
        try {
            HostPort parsed = HostPort.parse(text);
            assertThat(HostPort.parse(parsed.toString())).isEqualTo(parsed);
        } catch (ConfigException e) {
            assertThat(e.reason()).isNotBlank();
        }
    }

    @Property
    void anyProxyTextIsAProxyOrAConfigException(@ForAll @AlphaChars @StringLength(max = 12) String host,
            @ForAll("proxyForms") String form) {
        String url = form.replace("HOST", host);
        try {
            OutboundProxy proxy = OutboundProxy.parse(url);
            assertThat(OutboundProxy.parse(proxy.toString())).isEqualTo(proxy);
        } catch (ConfigException e) {
            assertThat(e.reason()).isNotBlank();
        }
    }

    @Provide
    Arbitrary<String> proxyForms() {
        return Arbitraries.of("socks5://HOST:1080", "http://HOST:8080/", "HOST://h:1", "socks5://HOST", "http://HOST:0",
                "socks5://u:p@HOST:1", "http://[HOST]:1", "socks5://HOST:1/x");
    }
}
