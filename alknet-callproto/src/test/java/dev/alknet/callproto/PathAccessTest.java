package dev.alknet.callproto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alknet.core.Identity;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PathAccessTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            /dev1/*            | /dev1/fs/readFile   | true
            /dev1/*            | /dev1/x             | true
            /dev1/*            | /dev1               | false
            /dev1/*            | /dev10/fs/read      | false
            /*/fs/*            | /dev1/fs/readFile   | true
            /*/fs/*            | /dev1/bash/exec     | false
            /*/fs/*            | /fs/readFile        | false
            /head/agent/chat   | /head/agent/chat    | true
            /head/agent/chat   | /head/agent/chat/x  | false
            /head/agent/chat   | /head/Agent/chat    | false
            /*                 | /services/list      | true
            /*/*/exec          | /w1/bash/exec       | true
            /*/*/exec          | /w1/bash/exec/more  | false
            """)
    void patternsMatchWholeSegments(String pattern, String path, boolean matches) {
        assertThat(PathAccess.matches(pattern, path)).isEqualTo(matches);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            dev1/*        | a path pattern starts with / and names at least one segment, got 'dev1/*'
            /             | a path pattern starts with / and names at least one segment, got '/'
            /dev1//fs     | empty segment in path pattern '/dev1//fs'
            /dev1/        | empty segment in path pattern '/dev1/'
            /dev*/fs      | '*' must be a whole segment in path pattern '/dev*/fs', got 'dev*'
            """)
    void malformedPatternsAreRefusedWithTheReason(String pattern, String message) {
        assertThatThrownBy(() -> PathAccess.builder().rule(pattern, AccessControl.none()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @Test
    void everyMatchingRuleMustAllowAndUnmatchedPathsAreFree() {
        PathAccess rules = PathAccess.builder()
                .rule("/*/bash/*", AccessControl.allOf("shell"))
                .rule("/dev1/*", AccessControl.anyOf("dev1", "admin"))
                .build();
        Identity dev1 = Identity.of("d", "dev1");
        Identity shellOnly = Identity.of("s", "shell");
        Identity both = Identity.of("b", "dev1", "shell");

        assertThat(rules.allows("/dev1/fs/read", dev1)).isTrue();
        assertThat(rules.allows("/dev1/bash/exec", dev1)).isFalse();
        assertThat(rules.allows("/dev1/bash/exec", shellOnly)).isFalse();
        assertThat(rules.allows("/dev1/bash/exec", both)).isTrue();
        assertThat(rules.allows("/dev2/bash/exec", shellOnly)).isTrue();
        assertThat(rules.allows("/dev2/fs/read", Identity.anonymous())).isTrue();
        assertThat(rules.restricts("/dev2/fs/read")).isFalse();
        assertThat(rules.restricts("/dev1/fs/read")).isTrue();
    }

    @Property
    void aLiteralPatternMatchesExactlyItsPath(@ForAll("paths") String path, @ForAll("paths") String other) {
        assertThat(PathAccess.matches(path, path)).isTrue();
        assertThat(PathAccess.matches(path, other)).isEqualTo(path.equals(other));
    }

    @Property
    void aTrailingStarCoversEverythingBelowItsPrefix(@ForAll("paths") String prefix, @ForAll("paths") String rest) {
        assertThat(PathAccess.matches(prefix + "/*", prefix + rest)).isTrue();
        assertThat(PathAccess.matches(prefix + "/*", prefix)).isFalse();
    }

    @Property
    void anyPatternTextIsEitherARuleOrAClearRefusal(@ForAll("patternText") String pattern) {
        try {
            PathAccess.builder().rule(pattern, AccessControl.allOf("x")).build()
                    .allows("/a/b/c", Identity.anonymous());
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).contains(pattern);
        }
    }

    @Provide
    Arbitrary<String> paths() {
        Arbitrary<String> segment = Arbitraries.strings().withChars("abcXYZ09-_.").ofMinLength(1).ofMaxLength(6);
        return segment.list().ofMinSize(1).ofMaxSize(4).map(s -> "/" + String.join("/", s));
    }

    @Provide
    Arbitrary<String> patternText() {
        return Arbitraries.of(List.of("/", "*", "a", "/", "//", "**", " ", "é")).list().ofMaxSize(8)
                .map(parts -> String.join("", parts));
    }
}
