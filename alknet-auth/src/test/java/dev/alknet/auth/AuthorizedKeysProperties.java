package dev.alknet.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** Malformed authorized_keys text fails only with {@link AuthorizedKeysException}, naming a real line. */
class AuthorizedKeysProperties {

    private static final String USER = Fixtures.text("user.pub");
    private static final List<String> VALID_LINES = List.of(
            USER,
            "from=\"10.0.0.0/8,!10.1.2.3,*.example.com\",no-pty " + USER,
            "cert-authority,principals=\"alice,bob\",expiry-time=\"20300101Z\" " + Fixtures.text("ca.pub"),
            "restrict,port-forwarding,permitopen=\"db:5432\",command=\"echo a, b\" " + Fixtures.text("ecdsa256.pub"),
            "environment=\"A=b\",tunnel=\"1\",permitlisten=\"localhost:8080\" " + USER);

    @Property
    void randomLinesParseOrFailNamingTheLine(@ForAll @Size(max = 300) String line) {
        // One line of text: a generated line break would legitimately move the error to a later line.
        assertParsesOrFailsCleanly("# first\n" + oneLine(line), 2);
    }

    @Property
    void mutatedLinesParseOrFailNamingTheLine(@ForAll("mutatedLines") String line) {
        assertParsesOrFailsCleanly("# first\n" + oneLine(line), 2);
    }

    @Property
    void skipModeNeverThrowsAndAccountsForEveryKeyLine(@ForAll("files") List<String> lines) {
        AuthorizedKeys keys = AuthorizedKeys.parse(String.join("\n", lines), "keys", AuthorizedKeys.OnError.SKIP,
                ZoneOffset.UTC);

        long keyLines = lines.stream().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).count();
        assertThat(keys.entries().size() + keys.skipped().size()).isEqualTo((int) keyLines);
    }

    @Provide
    Arbitrary<String> mutatedLines() {
        return KeyParsingProperties.mutate(Arbitraries.of(VALID_LINES));
    }

    @Provide
    Arbitrary<List<String>> files() {
        Arbitrary<String> line = Arbitraries.oneOf(Arbitraries.of(VALID_LINES), mutatedLines(),
                Arbitraries.strings().ofMaxLength(40).map(AuthorizedKeysProperties::oneLine),
                Arbitraries.of("", "# comment", "   "));
        return line.list().ofMaxSize(8);
    }

    private static String oneLine(String text) {
        return text.replace('\n', ' ').replace('\r', ' ');
    }

    private static void assertParsesOrFailsCleanly(String text, int badLine) {
        try {
            AuthorizedKeys.parse(text, "keys", AuthorizedKeys.OnError.FAIL, ZoneOffset.UTC);
        } catch (AuthorizedKeysException e) {
            assertThat(e.lineNumber()).isEqualTo(badLine);
            assertThat(e.problem()).isNotBlank();
            assertThat(e.getMessage()).startsWith("keys line " + badLine + ": ");
        } catch (Throwable t) {
            throw new AssertionError("expected only AuthorizedKeysException, got " + t, t);
        }
    }
}
