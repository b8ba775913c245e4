package dev.alknet.core.config;

import static dev.alknet.core.config.ConfigFixtures.ALICE;
import static dev.alknet.core.config.ConfigFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderErrorsTest {

    @TempDir
    Path dir;

    private Path file;

    @BeforeEach
    void certificates() {
        write(dir.resolve("cert.pem"), "c");
        write(dir.resolve("key.pem"), "k");
        file = dir.resolve("alknet.toml");
    }

    /** Loads {@code toml} from a file and returns the error, checking it names file, line and key path. */
    private ConfigException error(String toml, int line, String keyPath) {
        write(file, toml);
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(file));
        assertThat(e).as("a ConfigException").isNotNull();
        assertThat(e.source()).isEqualTo(file.toString());
        assertThat(e.line()).hasValue(line);
        assertThat(e.keyPath()).isEqualTo(keyPath);
        String location = keyPath.isEmpty() ? file + ":" + line + ": " : file + ":" + line + ": " + keyPath + ": ";
        assertThat(e.getMessage()).startsWith(location);
        return e;
    }

    @Test
    void syntaxErrorsCarryTheLineJacksonReports() {
        assertThat(error("[server]\nlisten = \"0.0.0.0:22\nstealth = true\n", 2, "").reason())
                .startsWith("invalid TOML: ").contains("column");
        assertThat(error("[server]\n[auth]\n[server]\n", 3, "").reason()).contains("Table redefined");
    }

    @Test
    void duplicateKeysAreReportedWhereTheSecondOneIsNotWhereJacksonNoticed() {
        // Jackson's own location is the line after the value (here line 7, past the blank lines).
        assertThat(error("""
                [server]
                stealth = false
                stealth = [
                  true,
                ]

                """, 3, "server.stealth").reason()).isEqualTo("invalid TOML: duplicate key (each key may be set once)");
        assertThat(error("[auth]\ntoken.enabled = true\ntoken = 1\n", 3, "auth.token").reason())
                .contains("duplicate key");
    }

    @Test
    void unknownKeysNameTheKeyAndTheTable() {
        assertThat(error("""
                [server]
                listen = "0.0.0.0:22"
                max_auth_attemps = 3
                """, 3, "server.max_auth_attemps").reason())
                .isEqualTo("unknown key 'max_auth_attemps' in table server; did you mean 'max_auth_attempts'?");
        assertThat(error("[sever]\n", 1, "sever").reason())
                .isEqualTo("unknown key 'sever' at the top level; did you mean 'server'?");
        assertThat(error("""
                [forwarding]
                default = "deny"
                [[forwarding.rules]]
                target = "a:1"
                action = "allow"
                [[forwarding.rules]]
                action = "allow"
                tagret = "b:1"
                """, 8, "forwarding.rules[1].tagret").reason()).contains("did you mean 'target'?");
        assertThat(error("""
                [[listeners]]
                listen = "0.0.0.0:22"
                [[listeners]]
                transport = "tls"
                listen = "0.0.0.0:443"
                [listeners.tls]
                cert = "cert.pem"
                key = "key.pem"
                chain = "chain.pem"
                """, 9, "listeners[1].tls.chain").reason())
                .isEqualTo("unknown key 'chain' in table listeners[1].tls; expected one of: cert, key");
        assertThat(error("[auth.token]\nenable = true\n", 2, "auth.token.enable").reason())
                .contains("did you mean 'enabled'?");
        assertThat(error("[auth]\nkeys = [{ key = \"" + ALICE + "\", scope = [] }]\n", 2, "auth.keys[0].scope")
                .reason()).contains("did you mean 'scopes'?");
        assertThat(error("[server]\ninterface = \"raw\"\n", 2, "server.interface").reason())
                .contains("unknown key 'interface'");
    }

    @Test
    void windowsLineEndingsCountLinesTheSame() {
        error("# config\r\n[server]\r\n\r\nlisten = \"0.0.0.0\"\r\n", 4, "server.listen");
    }

    @Test
    void unprintableKeysAreEscaped() {
        // A key written with escapes is placed at its table: the line scanner does not decode escapes.
        ConfigException e = error("[server]\n\"bad\\nkey\" = 1\n", 1, "server.\"bad\\u000akey\"");
        assertThat(e.getMessage()).doesNotContain("\n");
    }

    @Test
    void wrongTypes() {
        assertThat(error("[server]\nmax_auth_attempts = \"3\"\n", 2, "server.max_auth_attempts").reason())
                .isEqualTo("expected an integer, got a string");
        assertThat(error("[server]\nmax_auth_attempts = 3.0\n", 2, "server.max_auth_attempts").reason())
                .isEqualTo("expected an integer, got a float");
        assertThat(error("[server]\nstealth = \"yes\"\n", 2, "server.stealth").reason())
                .isEqualTo("expected a boolean (true or false), got a string");
        assertThat(error("server = 1\n", 1, "server").reason()).isEqualTo("expected a table, got an integer");
        assertThat(error("[server]\nlisten = 22\n", 2, "server.listen").reason())
                .isEqualTo("expected a string, got an integer");
        assertThat(error("[auth]\nhost_key = 2024-01-01\n", 2, "auth.host_key").reason())
                .isEqualTo("expected a string, got a date or time");
        assertThat(error("""
                [forwarding]
                default = "deny"
                [[forwarding.rules]]
                target = "a:1"
                action = "allow"
                principals = ["admin", 7]
                """, 6, "forwarding.rules[0].principals[1]").reason()).isEqualTo("expected a string, got an integer");
        assertThat(error("[forwarding]\nrules = { target = \"x\" }\n", 2, "forwarding.rules").reason())
                .isEqualTo("expected an array of tables ([[rules]]), got a table");
        assertThat(error("listeners = [1]\n", 1, "listeners[0]").reason()).isEqualTo("expected a table, got an integer");
        assertThat(error("[[auth.keys]]\nkey = \"" + ALICE + "\"\nresources = { service = \"gitea\" }\n", 3,
                "auth.keys[0].resources.service").reason()).isEqualTo("expected an array of strings, got a string");
    }

    @Test
    void numbersOutOfRange() {
        assertThat(error("[server]\nmax_connections_per_ip = -1\n", 2, "server.max_connections_per_ip").reason())
                .isEqualTo("must be 0 (unlimited) or more");
        assertThat(error("[server]\nmax_auth_attempts = 99999999999999999999\n", 2, "server.max_auth_attempts")
                .reason()).isEqualTo("number out of range: 99999999999999999999");
        assertThat(error("[auth.token]\nmax_age_seconds = 0\n", 2, "auth.token.max_age_seconds").reason())
                .isEqualTo("must be at least 1 second");
    }

    @Test
    void badListenAddresses() {
        assertThat(error("[server]\nlisten = \"0.0.0.0:123456\"\n", 2, "server.listen").reason())
                .contains("port must be a number 0-65535");
        assertThat(error("[server]\nlisten = \"0.0.0.0:65536\"\n", 2, "server.listen").reason())
                .isEqualTo("port 65536 is out of range (0-65535)");
        assertThat(error("[server]\nlisten = \"0.0.0.0:ssh\"\n", 2, "server.listen").reason())
                .contains("port must be a number");
        assertThat(error("[server]\nlisten = \"localhost\"\n", 2, "server.listen").reason())
                .isEqualTo("expected host:port, got 'localhost'");
        assertThat(error("[server]\nlisten = \"::1:22\"\n", 2, "server.listen").reason())
                .contains("an IPv6 address needs brackets");
        assertThat(error("[[listeners]]\nlisten = \"[::1]22\"\n", 2, "listeners[0].listen").reason())
                .contains("expected [ipv6]:port");
        assertThat(error("[[listeners]]\nlisten = \"my host:22\"\n", 2, "listeners[0].listen").reason())
                .contains("invalid host");
    }

    @Test
    void tlsNeedsBothCertAndKey() {
        assertThat(error("""
                [server]
                transport = "tls"
                [server.tls]
                cert = "cert.pem"
                """, 3, "server.tls.key").reason()).isEqualTo("missing: TLS needs both cert and key");
        assertThat(error("""
                [[listeners]]
                transport = "tls"
                [listeners.tls]
                key = "key.pem"
                """, 3, "listeners[0].tls.cert").reason()).isEqualTo("missing: TLS needs both cert and key");
        assertThat(error("[server]\ntransport = \"tls\"\n", 1, "server.tls").reason())
                .isEqualTo("tls transport needs a certificate: set tls.cert and tls.key");
    }

    @Test
    void tlsOptionsOnATcpListenerAreIncompatible() {
        assertThat(error("""
                [server]
                listen = "0.0.0.0:22"
                [server.tls]
                cert = "cert.pem"
                key = "key.pem"
                """, 3, "server.tls").reason()).contains("incompatible with tcp transport");
    }

    @Test
    void stealthNeedsTlsAndSsh() {
        assertThat(error("[server]\nstealth = true\n", 2, "server.stealth").reason())
                .startsWith("stealth mode requires TLS transport");
        assertThat(error("""
                [[listeners]]
                transport = "tls"
                interface = "raw"
                stealth = true
                [listeners.tls]
                cert = "cert.pem"
                key = "key.pem"
                """, 4, "listeners[0].stealth").reason()).isEqualTo("stealth mode requires the ssh interface");
    }

    @Test
    void aPathBelongsToWebSocketListenersAndMustBeAPlainPath() {
        assertThat(error("[[listeners]]\npath = \"/x\"\n", 2, "listeners[0].path").reason())
                .isEqualTo("a path applies to the websocket interface only");
        assertThat(error("[[listeners]]\ninterface = \"websocket\"\npath = \"x?token=1\"\n", 3,
                "listeners[0].path").reason())
                .isEqualTo("a WebSocket path starts with / and has no query, fragment or spaces, got 'x?token=1'");
        assertThat(error("[[listeners]]\ninterface = \"ws\"\n", 2, "listeners[0].interface").reason())
                .isEqualTo("unknown interface 'ws'; expected 'ssh', 'raw' or 'websocket'");
    }

    @Test
    void allowedOriginsBelongToWebSocketListenersAndMustBeOrigins() {
        assertThat(error("[[listeners]]\nallowed_origins = [\"https://a.example\"]\n", 2,
                "listeners[0].allowed_origins").reason())
                .isEqualTo("allowed origins apply to the websocket interface only");
        assertThat(error("[[listeners]]\ninterface = \"websocket\"\nallowed_origins = [\"*\", \"https://a.example/app\"]\n",
                3, "listeners[0].allowed_origins[1]").reason())
                .isEqualTo("an origin is scheme://host[:port] with nothing after it, got 'https://a.example/app'");
        assertThat(error("[[listeners]]\ninterface = \"websocket\"\nallowed_origins = [\"*\", \"https://a.example\"]\n",
                3, "listeners[0].allowed_origins").reason())
                .isEqualTo("\"*\" admits every origin; list origins or \"*\", not both");
        assertThat(error("[[listeners]]\ninterface = \"websocket\"\nallowed_origins = \"https://a.example\"\n", 3,
                "listeners[0].allowed_origins").reason()).isEqualTo("expected an array of strings, got a string");
    }

    @Test
    void listenerListMustHoldDistinctListeners() {
        assertThat(error("listeners = []\n", 1, "listeners").reason()).isEqualTo("at least one listener is required");
        assertThat(error("""
                [[listeners]]
                listen = "0.0.0.0:22"
                [[listeners]]
                listen = "0.0.0.0:22"
                """, 4, "listeners[1].listen").reason()).isEqualTo("0.0.0.0:22 is already used by listeners[0]");
    }

    @Test
    void transportsOtherThanTcpAndTls() {
        assertThat(error("[server]\ntransport = \"websocket\"\n", 2, "server.transport").reason())
                .isEqualTo("transport 'websocket' is not supported by alknet-java listeners yet; use tcp or tls");
        assertThat(error("[server]\ntransport = \"udp\"\n", 2, "server.transport").reason())
                .isEqualTo("unknown transport 'udp'; use tcp or tls");
        assertThat(error("[server]\nacme_domain = \"example.com\"\n", 2, "server.acme_domain").reason())
                .startsWith("ACME certificates are not supported by alknet-java");
    }

    @Test
    void irohIsRejectedWithAClearMessage() {
        String iroh = "iroh transport is not supported by alknet-java; use tls";
        assertThat(error("[server]\ntransport = \"iroh\"\n", 2, "server.transport").reason()).isEqualTo(iroh);
        assertThat(error("[server]\n[server.iroh]\nrelay = \"https://relay.alk.dev\"\n", 2, "server.iroh").reason())
                .isEqualTo(iroh);
        // The spec example's third listener.
        assertThat(error("""
                [[listeners]]
                transport = "tcp"
                listen = "0.0.0.0:22"
                [[listeners]]
                transport = "iroh"
                iroh_relay = "https://relay.alk.dev"
                """, 6, "listeners[1].iroh_relay").reason()).isEqualTo(iroh);
        assertThat(error("[[listeners]]\ntransport = \"iroh\"\n", 2, "listeners[0].transport").reason())
                .isEqualTo(iroh);
    }

    @Test
    void specExampleWithItsIrohPartsIsRejected() {
        String example = ConfigFixtures.specExample(dir.resolve("etc"));
        String withIrohListener = example + "[[listeners]]\ntransport = \"iroh\"\niroh_relay = \"https://relay.alk.dev\"\n";
        int lines = (int) example.lines().count();
        assertThat(error(withIrohListener, lines + 3, "listeners[2].iroh_relay").reason()).contains("iroh");

        String withServerIroh = example.replace("[auth]\n", "[server.iroh]\nrelay = \"https://relay.alk.dev\"\n[auth]\n");
        assertThat(error(withServerIroh, 12, "server.iroh").reason()).contains("iroh");
    }

    @Test
    void proxyMustBeSocks5OrHttp() {
        assertThat(error("[server]\nproxy = \"https://proxy:443\"\n", 2, "server.proxy").reason())
                .startsWith("unsupported proxy 'https://proxy:443'");
        assertThat(error("[server]\nproxy = \"socks5://proxy\"\n", 2, "server.proxy").reason())
                .contains("expected host:port");
        assertThat(error("[server]\nproxy = \"socks5://proxy:0\"\n", 2, "server.proxy").reason())
                .isEqualTo("proxy port must be 1-65535");
        ConfigException withPassword = error("[server]\nproxy = \"socks5://me:hunter2@proxy:1080\"\n", 2, "server.proxy");
        assertThat(withPassword.getMessage()).doesNotContain("hunter2")
                .contains("credentials in the proxy URL are not supported");
    }

    @Test
    void missingReferencedFilesNameTheFile() {
        Path missing = dir.resolve("nope/authorized_keys");
        assertThat(error("[auth]\n\nauthorized_keys = \"nope/authorized_keys\"\n", 3, "auth.authorized_keys").reason())
                .isEqualTo(missing + ": file not found");
        assertThat(error("[auth]\ncert_authority = \"ca.pub\"\n", 2, "auth.cert_authority").reason())
                .endsWith("ca.pub: file not found");
        assertThat(error("[auth]\nhost_key = \"ssh/host_key\"\n", 2, "auth.host_key").reason())
                .isEqualTo(dir.resolve("ssh/host_key") + ": file not found");
        assertThat(error("""
                [[listeners]]
                transport = "tls"
                [listeners.tls]
                cert = "cert.pem"
                key = "missing.pem"
                """, 5, "listeners[0].tls.key").reason()).isEqualTo(dir.resolve("missing.pem") + ": file not found");
        assertThat(error("[auth]\nauthorized_keys = \".\"\n", 2, "auth.authorized_keys").reason())
                .endsWith("not a regular file");
        assertThat(error("[auth]\nauthorized_keys = \"\"\n", 2, "auth.authorized_keys").reason())
                .isEqualTo("path must not be empty");
    }

    @Test
    void policySyntaxErrorsPointAtTheRule() {
        assertThat(error("""
                [forwarding]
                default = "deny"
                [[forwarding.rules]]
                target = "localhost:*"
                action = "allow"
                [[forwarding.rules]]
                target = "alknet-*"
                action = "allow"
                [[forwarding.rules]]
                action = "deny"
                target = "10.0.0.0/33"
                """, 11, "forwarding.rules[2].target").reason()).startsWith("forwarding rule 2: target '10.0.0.0/33'");
        assertThat(error("""
                [forwarding]
                default = "deny"
                [[forwarding.rules]]
                target = "localhost:*"
                action = "permit"
                """, 5, "forwarding.rules[0].action").reason()).contains("expected 'allow' or 'deny'");
        assertThat(error("[forwarding]\ndefault = \"block\"\n", 2, "forwarding.default").reason())
                .contains("expected 'allow' or 'deny'");
        assertThat(error("[forwarding]\n", 1, "forwarding.default").reason()).contains("missing");
        assertThat(error("""
                [forwarding]
                default = "deny"
                [[forwarding.rules]]
                action = "deny"
                """, 3, "forwarding.rules[0].target").reason()).contains("target");
    }

    @Test
    void authKeyProblems() {
        assertThat(error("[auth]\n[[auth.keys]]\nscopes = []\n", 2, "auth.keys[0].key").reason())
                .startsWith("missing: give the public key line");
        assertThat(error("[[auth.keys]]\nkey = \"  \"\n", 2, "auth.keys[0].key").reason()).isEqualTo("must not be empty");
        assertThat(error("[[auth.keys]]\nkey = \"\"\"\n" + ALICE + "\n" + ALICE + "\"\"\"\n", 2, "auth.keys[0].key")
                .reason()).startsWith("must be a single line");
        assertThat(error("[[auth.keys]]\nkey = \"" + ALICE + "\"\nscopes = [\"relay:connect\", \" \"]\n", 3,
                "auth.keys[0].scopes").reason()).isEqualTo("a scope must not be blank");
        assertThat(error("[auth]\ndefault_scopes = [\"\"]\n", 2, "auth.default_scopes").reason())
                .isEqualTo("a scope must not be blank");
    }

    @Test
    void privateKeysAreRefusedWithoutRepeatingThem() {
        String secret = "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZWQyNTUxOSecret";
        String privateKey = "-----BEGIN OPENSSH PRIVATE KEY-----\n" + secret + "\n-----END OPENSSH PRIVATE KEY-----\n";
        ConfigException inline = error("[[auth.keys]]\nkey = \"\"\"" + privateKey + "\"\"\"\n", 2, "auth.keys[0].key");
        assertThat(inline.getMessage()).contains("this is a private key").doesNotContain(secret);

        Path keyFile = write(dir.resolve("authorized_keys"), ALICE + "\n" + privateKey);
        ConfigException fromFile = error("[auth]\nauthorized_keys = \"authorized_keys\"\n", 2, "auth.authorized_keys");
        assertThat(fromFile.reason()).startsWith(keyFile + ":2: this is a private key");
        assertThat(fromFile.getMessage()).doesNotContain(secret);
    }

    @Test
    void unreadableConfigFiles() {
        Path absent = dir.resolve("absent.toml");
        ConfigException missing = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(absent));
        assertThat(missing).hasMessage(absent + ": file not found");

        Path latin1 = dir.resolve("latin1.toml");
        ConfigException notUtf8 = catchThrowableOfType(ConfigException.class, () -> {
            Files.write(latin1, new byte[] {'#', ' ', (byte) 0xe9, '\n'});
            ConfigLoader.load(latin1);
        });
        assertThat(notUtf8).hasMessage(latin1 + ": file is not UTF-8 text");
    }

    @Test
    void textWithoutAFileIsLocatedByLineAndKey() {
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> ConfigLoader.parse("\n[server]\nlisten = \"nowhere\"\n", dir));
        assertThat(e.source()).isNull();
        assertThat(e).hasMessage("line 3: server.listen: expected host:port, got 'nowhere'");
    }
}
