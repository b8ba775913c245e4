package dev.alknet.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class OriginPolicyTest {

    @Test
    void clientsWithoutAnOriginAreAlwaysAdmittedAndPagesOnlyWhenListed() {
        assertThat(OriginPolicy.noPages().admits(null)).isTrue();
        assertThat(OriginPolicy.noPages().admits("https://app.example")).isFalse();
        OriginPolicy listed = OriginPolicy.of(List.of("https://app.example", "http://localhost:3000"));
        assertThat(listed.admits(null)).isTrue();
        assertThat(listed.admits("https://app.example")).isTrue();
        assertThat(listed.admits("http://localhost:3000")).isTrue();
        assertThat(listed.admits("http://app.example")).isFalse();
        assertThat(listed.admits("https://app.example.evil")).isFalse();
        assertThat(listed.admits("http://localhost:3001")).isFalse();
        assertThat(listed.admits("null")).isFalse();
        assertThat(listed.admits("")).isFalse();
        assertThat(OriginPolicy.of(List.of("*")).admits("null")).isTrue();
        assertThat(OriginPolicy.of(List.of("*")).entries()).containsExactly("*");
    }

    @Test
    void originsCompareAsBrowsersSendThem() {
        OriginPolicy policy = OriginPolicy.of(List.of("HTTPS://App.Example:443", "http://[::1]:80"));
        assertThat(policy.entries()).containsExactly("https://app.example", "http://[::1]");
        assertThat(policy.admits("https://app.example")).isTrue();
        assertThat(policy.admits("https://APP.example:443")).isTrue();
        assertThat(policy.admits("http://[::1]")).isTrue();
    }

    @Test
    void entriesThatAreNoOriginAreRefusedByIndex() {
        assertThatThrownBy(() -> OriginPolicy.of(List.of("https://a.example", "a.example")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.keyPath()).isEqualTo("[1]"))
                .hasMessageContaining("scheme://host[:port]");
        assertThatThrownBy(() -> OriginPolicy.of(List.of("https://user@a.example")))
                .hasMessageContaining("nothing after it");
        assertThatThrownBy(() -> OriginPolicy.of(List.of("https://a.example?x")))
                .hasMessageContaining("nothing after it");
        assertThatThrownBy(() -> OriginPolicy.of(List.of("https://bücher.example")))
                .hasMessageContaining("xn--");
        assertThatThrownBy(() -> OriginPolicy.of(List.of("")))
                .hasMessageContaining("printable ASCII");
    }

    @Property
    void anyEntryIsAnOriginOrAConfigError(@ForAll String entry, @ForAll String header) {
        try {
            OriginPolicy policy = OriginPolicy.of(List.of(entry));
            assertThat(policy.admits(entry)).isTrue();
        } catch (ConfigException e) {
            assertThat(e.keyPath()).isIn("[0]", "");
        }
        assertThat(OriginPolicy.noPages().admits(header)).as("no page by default").isFalse();
    }

    @Property
    void aListedOriginAdmitsItselfInAnyCaseAndNoOtherHost(@ForAll("origins") String origin,
            @ForAll("origins") String other) {
        OriginPolicy policy = OriginPolicy.of(List.of(origin));
        assertThat(policy.admits(origin.toUpperCase(Locale.ROOT))).isTrue();
        assertThat(policy.admits(other)).isEqualTo(OriginPolicy.normalize(other).equals(OriginPolicy.normalize(origin)));
    }

    @Provide
    Arbitrary<String> origins() {
        Arbitrary<String> scheme = Arbitraries.of("http", "https", "app");
        Arbitrary<String> host = Arbitraries.strings().withCharRange('a', 'e').ofMinLength(1).ofMaxLength(3)
                .list().ofMinSize(1).ofMaxSize(3).map(labels -> String.join(".", labels));
        Arbitrary<String> port = Arbitraries.oneOf(Arbitraries.just(""),
                Arbitraries.of(80, 443, 3000).map(p -> ":" + p));
        return Combinators.combine(scheme, host, port).as((s, h, p) -> s + "://" + h + p);
    }
}
