package dev.alknet.core.config.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KeyLinesTest {

    private static final String DOC = """
            top = 1                                  # 1
            [server]                                 # 2
            listen = "0.0.0.0:22" # [not] = a table  # 3
            banner = \"""                            # 4
            [fake]                                   # 5
            key = "inside a string"                  # 6
            \"""                                     # 7
            list = [                                 # 8
              "]", # ] in a comment                  # 9
              '[x]',                                 # 10
            ]                                        # 11
            after = 'literal'                        # 12
            [[listeners]]                            # 13
            listen = "a:1"                           # 14
            [[listeners]]                            # 15
            inline = { a = 1, b = [2, 3] }           # 16
            [listeners.tls]                          # 17
            cert = '''                               # 18
            multi ''' # the closing quotes above     # 19
            key = "k"                                # 20
            [auth]                                   # 21
            token.enabled = true                     # 22
            "quoted key" = 1                         # 23
            [[auth.keys]]                            # 24
            [[auth.keys]]                            # 25
            key = "k"                                # 26
            """;

    private final KeyLines lines = KeyLines.scan(DOC);

    private int line(String path) {
        return lines.lineOf(new KeyPath(path));
    }

    @Test
    void keysAndTablesAreFoundOnTheirLines() {
        assertThat(line("top")).isEqualTo(1);
        assertThat(line("server")).isEqualTo(2);
        assertThat(line("server.listen")).isEqualTo(3);
        assertThat(line("server.banner")).isEqualTo(4);
        assertThat(line("server.list")).isEqualTo(8);
        assertThat(line("server.after")).isEqualTo(12);
        assertThat(line("auth")).isEqualTo(21);
        assertThat(line("auth.token")).isEqualTo(22);
        assertThat(line("auth.token.enabled")).isEqualTo(22);
        assertThat(line("auth.\"quoted key\"")).isEqualTo(23);
    }

    @Test
    void nothingInsideStringsArraysOrCommentsCountsAsAKey() {
        assertThat(line("fake")).isZero();
        assertThat(line("server.key")).isEqualTo(2);
        assertThat(line("not")).isZero();
        assertThat(line("x")).isZero();
    }

    @Test
    void arraysOfTablesAreNumberedAndSubTablesJoinTheLatestElement() {
        assertThat(line("listeners[0]")).isEqualTo(13);
        assertThat(line("listeners[0].listen")).isEqualTo(14);
        assertThat(line("listeners[1]")).isEqualTo(15);
        assertThat(line("listeners[1].tls")).isEqualTo(17);
        assertThat(line("listeners[1].tls.cert")).isEqualTo(18);
        assertThat(line("listeners[1].tls.key")).isEqualTo(20);
        assertThat(line("auth.keys[0]")).isEqualTo(24);
        assertThat(line("auth.keys[1].key")).isEqualTo(26);
    }

    @Test
    void unplacedKeysFallBackToTheirNearestPlacedParent() {
        assertThat(line("listeners[1].inline.a")).isEqualTo(16);
        assertThat(line("listeners[1].tls.missing")).isEqualTo(17);
        assertThat(line("listeners[2].listen")).isZero();
        assertThat(line("")).isZero();
    }

    @Test
    void findsTheFirstKeySetTwice() {
        assertThat(lines.duplicateKey()).isEmpty();
        KeyLines twice = KeyLines.scan("[a]\nb.c = 1\nb.d = 2\n[e]\nf = 1\n\nf = 2\n");
        assertThat(twice.duplicateKey()).contains(new KeyPath("e.f"));
        assertThat(twice.duplicateKeyLine()).isEqualTo(7);
        assertThat(KeyLines.scan("a = 1\na.b = 2\n").duplicateKey()).contains(new KeyPath("a"));
        assertThat(KeyLines.scan("a.b = 1\na = 2\n").duplicateKey()).contains(new KeyPath("a"));
    }
}
