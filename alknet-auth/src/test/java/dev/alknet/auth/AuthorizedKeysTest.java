package dev.alknet.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AuthorizedKeysTest {

    private static final String USER = Fixtures.text("user.pub");
    private static final String CA = Fixtures.text("ca.pub");
    private static final String ECDSA = Fixtures.text("ecdsa256.pub");

    private static AuthorizedKeys parse(String text) {
        return AuthorizedKeys.parse(text, "authorized_keys", AuthorizedKeys.OnError.FAIL, ZoneOffset.UTC);
    }

    private static KeyOptions options(String optionText) {
        return parse(optionText + " " + USER).entries().get(0).options();
    }

    private static InetAddress ip(String text) throws Exception {
        return InetAddress.getByName(text);
    }

    @Test
    void skipsCommentsAndBlankLinesAndKeepsLineNumbers() {
        AuthorizedKeys keys = parse("# team keys\n\n" + USER + "\r\n   \n  # " + ECDSA + "\n" + ECDSA + "\n");

        assertThat(keys.entries()).extracting(AuthorizedKey::lineNumber).containsExactly(3, 6);
        assertThat(keys.entries().get(0).key().fingerprint()).isEqualTo(Fixtures.USER_FINGERPRINT);
        assertThat(keys.entries().get(0).key().comment()).isEqualTo("user");
        assertThat(keys.entries().get(0).options()).isSameAs(KeyOptions.none());
    }

    @Test
    void separatesCertAuthoritiesFromKeys() {
        AuthorizedKeys keys = parse(USER + "\ncert-authority " + CA + "\n");

        assertThat(keys.keys()).extracting(AuthorizedKey::key).containsExactly(Fixtures.publicKey("user.pub"));
        assertThat(keys.certificateAuthorities()).extracting(AuthorizedKey::key)
                .containsExactly(Fixtures.publicKey("ca.pub"));
        assertThat(keys.entriesFor(Fixtures.publicKey("ca.pub"))).isEmpty();
        assertThat(keys.authoritiesFor(Fixtures.publicKey("ca.pub"))).hasSize(1);
        assertThat(keys.entriesFor(Fixtures.publicKey("user.pub"))).hasSize(1);
    }

    @Test
    void parsesQuotedValuesWithCommasAndSpaces() {
        KeyOptions options = options(
                "from=\"10.0.0.0/8,!10.1.2.3\",command=\"echo a, b\",no-pty,permitopen=\"db:5432\",permitopen=\"[::1]:80\"");

        assertThat(options.fromPatterns()).containsExactly("10.0.0.0/8", "!10.1.2.3");
        assertThat(options.command()).contains("echo a, b");
        assertThat(options.pty()).isFalse();
        assertThat(options.permitOpen()).containsExactly("db:5432", "[::1]:80");
        assertThat(options.names()).containsExactlyInAnyOrder("from", "command", "no-pty", "permitopen");
    }

    @Test
    void optionNamesAreCaseInsensitive() {
        KeyOptions options = options("No-Port-Forwarding,FROM=\"192.0.2.1\"");

        assertThat(options.portForwarding()).isFalse();
        assertThat(options.fromPatterns()).containsExactly("192.0.2.1");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''                                      | true",
        "no-port-forwarding                      | false",
        "restrict                                | false",
        "restrict,port-forwarding                | true",
        "restrict,permit-port-forwarding         | true",
        "port-forwarding,restrict                | true",
        "no-port-forwarding,port-forwarding      | false",
        "permitopen=\"db:5432\"                  | true",
        "restrict,pty                            | false",
    })
    void portForwardingFollowsTheOptions(String optionText, boolean permitted) {
        String line = optionText.isEmpty() ? USER : optionText + " " + USER;

        assertThat(parse(line).entries().get(0).options().portForwarding()).isEqualTo(permitted);
    }

    @Test
    void fromPatternsMatchTheClientIp() throws Exception {
        KeyOptions options = options("from=\"192.0.2.*,!192.0.2.66,10.0.0.0/8,2001:db8::/32,::1\"");

        assertThat(options.allowsAddress(ip("192.0.2.10"))).isTrue();
        assertThat(options.allowsAddress(ip("192.0.2.66"))).isFalse();
        assertThat(options.allowsAddress(ip("10.200.3.4"))).isTrue();
        assertThat(options.allowsAddress(ip("11.0.0.1"))).isFalse();
        assertThat(options.allowsAddress(ip("2001:db8:1::5"))).isTrue();
        assertThat(options.allowsAddress(ip("::1"))).isTrue();
        assertThat(options.allowsAddress(ip("::2"))).isFalse();
        assertThat(options.allowsAddress(null)).isFalse();
        assertThat(KeyOptions.none().allowsAddress(null)).isTrue();
    }

    @Test
    void expiryTimeIsHonouredInclusively() {
        KeyOptions local = options("expiry-time=\"202601021530\"");
        KeyOptions utc = options("expiry-time=\"20260102Z\"");

        assertThat(local.expiryTime()).contains(Instant.parse("2026-01-02T15:30:00Z"));
        assertThat(local.isExpired(Instant.parse("2026-01-02T15:30:00Z"))).isFalse();
        assertThat(local.isExpired(Instant.parse("2026-01-02T15:30:01Z"))).isTrue();
        assertThat(utc.expiryTime()).contains(Instant.parse("2026-01-02T00:00:00Z"));
    }

    @Test
    void principalsBelongToCertAuthorityLines() {
        KeyOptions options = parse("cert-authority,principals=\"alice,deploy\" " + CA).entries().get(0).options();

        assertThat(options.principals()).contains(Set.of("alice", "deploy"));
        assertThatThrownBy(() -> parse("principals=\"alice\" " + USER))
                .isInstanceOf(AuthorizedKeysException.class)
                .hasMessageContaining("cert-authority");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "bogus-option                 | unknown option 'bogus-option'",
        "from                         | option from needs a value",
        "from=\"\"                    | option from needs a value",
        "from=\"10.0.0.1/8\"          | host bits",
        "from=\"10.0.0.0/40\"         | longer than the address",
        "from=\"a,,b\"                | empty pattern",
        "expiry-time=\"tomorrow\"     | YYYYMMDD",
        "expiry-time=\"20261399\"     | YYYYMMDD",
        "no-pty=\"yes\"               | takes no value",
        "permitopen=\"db\"            | host:port",
        "verify-required              | FIDO",
        "tunnel=\"x\"                 | tunnel",
        "restrict,restrict            | re-specified",
    })
    void badOptionsNameTheLineAndTheProblem(String optionText, String problem) {
        assertThatThrownBy(() -> parse("# header\n" + optionText + " " + USER))
                .isInstanceOf(AuthorizedKeysException.class)
                .hasMessageStartingWith("authorized_keys line 2: ")
                .hasMessageContaining(problem)
                .satisfies(e -> assertThat(((AuthorizedKeysException) e).lineNumber()).isEqualTo(2));
    }

    @Test
    void weakAndMalformedKeysNameTheLine() {
        assertThatThrownBy(() -> parse(USER + "\n" + Fixtures.text("rsa2048.pub")))
                .isInstanceOf(AuthorizedKeysException.class)
                .hasMessageContaining("line 2")
                .hasMessageContaining("too weak");
        assertThatThrownBy(() -> parse("ssh-ed25519 AAAA!!!!"))
                .isInstanceOf(AuthorizedKeysException.class)
                .hasMessageStartingWith("authorized_keys line 1: ");
        assertThatThrownBy(() -> parse(Fixtures.text("cert-valid.pub")))
                .isInstanceOf(AuthorizedKeysException.class)
                .hasMessageContaining("cert-authority");
    }

    @Test
    void skipModeKeepsGoodLinesAndListsBadOnes() {
        AuthorizedKeys keys = AuthorizedKeys.parse(USER + "\nnonsense here\nno-such-option " + ECDSA + "\n" + ECDSA,
                "keys.txt", AuthorizedKeys.OnError.SKIP, ZoneOffset.UTC);

        assertThat(keys.entries()).extracting(AuthorizedKey::lineNumber).containsExactly(1, 4);
        assertThat(keys.skipped()).extracting(AuthorizedKeysException::lineNumber).containsExactly(2, 3);
        assertThat(keys.skipped().get(1).getMessage()).startsWith("keys.txt line 3: unknown option");
    }

    @Test
    void failModeIsTheDefault(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("authorized_keys");
        Files.writeString(file, USER + "\ngarbage\n");

        assertThatThrownBy(() -> AuthorizedKeys.load(file))
                .isInstanceOf(AuthorizedKeysException.class)
                .hasMessageStartingWith(file + " line 2: ");
        assertThat(AuthorizedKeys.load(file, AuthorizedKeys.OnError.SKIP).entries()).hasSize(1);
    }

    @Test
    void aKeyMayBeListedMoreThanOnce() {
        AuthorizedKeys keys = parse("from=\"10.0.0.0/8\" " + USER + "\n" + USER + " second\n");

        assertThat(keys.entriesFor(Fixtures.publicKey("user.pub"))).extracting(AuthorizedKey::lineNumber)
                .containsExactly(1, 2);
    }
}
