package dev.alknet.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alknet.core.Identity;
import dev.alknet.core.config.AuthConfig;
import dev.alknet.core.config.KeyEntry;
import dev.alknet.core.config.TokenSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

class ConfigIdentityProviderProperties {

    /** Key generation is slow next to resolution; the properties draw from a fixed pool. */
    private static final List<OpenSshKeyPair> POOL = IntStream.range(0, 6)
            .mapToObj(i -> OpenSshKeyPair.generateEd25519("key" + i)).toList();

    /** One config line: which pool key, which options, what grant. */
    record Line(int key, String options, List<String> scopes, Map<String, List<String>> resources) {

        KeyEntry entry(int index) {
            String keyLine = POOL.get(key).publicKey().toLine();
            return new KeyEntry(options.isEmpty() ? keyLine : options + " " + keyLine, scopes, resources,
                    "alknet.toml:" + (index + 1) + " (auth.keys[" + index + "])");
        }
    }

    @Provide
    Arbitrary<Line> lines() {
        Arbitrary<String> name = Arbitraries.strings().withCharRange('a', 'z').withChars(':', '-').ofMinLength(1)
                .ofMaxLength(12);
        return Combinators.combine(
                Arbitraries.integers().between(0, POOL.size() - 1),
                Arbitraries.of("", "cert-authority", "expiry-time=\"20200101\"", "expiry-time=\"21000101\"",
                        "from=\"192.0.2.0/24\"", "no-port-forwarding", "restrict"),
                name.list().ofMaxSize(4),
                Arbitraries.maps(name, name.list().ofMaxSize(3)).ofMaxSize(2))
                .as(Line::new);
    }

    @Property(tries = 200)
    void everyKeyResolvesToTheSameIdentityByFingerprintTokenAndSsh(
            @ForAll @Size(max = 8) List<@From("lines") Line> lines) {
        List<KeyEntry> entries = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            entries.add(lines.get(i).entry(i));
        }
        ConfigIdentityProvider provider = ConfigIdentityProviderTest.provider(
                new AuthConfig(entries, List.of(), new TokenSettings(true, Duration.ofSeconds(300))));

        for (int k = 0; k < POOL.size(); k++) {
            OpenSshKeyPair pair = POOL.get(k);
            Optional<Identity> byFingerprint = provider.resolveFromFingerprint(pair.publicKey().fingerprint());
            Optional<Identity> byToken = provider.resolveFromToken(ConfigIdentityProviderTest.token(pair));
            Optional<Identity> bySsh = provider.authenticate("user", pair.publicKey(), null).acceptedIdentity();

            assertThat(byToken).as("key %d by token", k).isEqualTo(byFingerprint);
            assertThat(bySsh).as("key %d by ssh", k).isEqualTo(byFingerprint);
            assertThat(byFingerprint).as("key %d", k).isEqualTo(expected(lines, k));
        }
    }

    /** The model: the grant of the key's first plain line that is neither expired nor restricted by address. */
    private static Optional<Identity> expected(List<Line> lines, int key) {
        String fingerprint = POOL.get(key).publicKey().fingerprint();
        return lines.stream()
                .filter(l -> l.key() == key)
                .filter(l -> !l.options().equals("cert-authority") && !l.options().startsWith("from=")
                        && !l.options().contains("2020"))
                .findFirst()
                .map(l -> new Identity(fingerprint, new LinkedHashSet<>(l.scopes()),
                        toSets(l.resources())));
    }

    private static Map<String, Set<String>> toSets(Map<String, List<String>> resources) {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        resources.forEach((kind, names) -> out.put(kind, new LinkedHashSet<>(names)));
        return out;
    }
}
