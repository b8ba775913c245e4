package dev.alknet.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alknet.core.Identity;
import dev.alknet.core.config.AuthConfig;
import dev.alknet.core.config.KeyEntry;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * {@link ProviderLogins} decides exactly as {@link ConfigIdentityProvider} when the provider holds the same keys and
 * CAs with the same grants: same acceptance, identity, forwarding and forced command, same failure reason, for
 * every fixture key and certificate, user name and client address.
 */
class ProviderLoginsParityProperties {

    private static final List<String> KEYS = List.of("user.pub", "rsa3072.pub", "ecdsa256.pub");
    private static final List<String> CAS = List.of("ca.pub", "ca-rsa.pub");
    private static final List<String> PRESENTED = List.of("user.pub", "rsa3072.pub", "ecdsa256.pub", "ca.pub",
            "ecdsa384.pub", "cert-valid.pub", "cert-rsa-ca.pub", "cert-expired.pub", "cert-future.pub",
            "cert-forever.pub", "cert-no-principals.pub", "cert-source-address.pub", "cert-force-command.pub",
            "cert-no-forwarding.pub", "cert-unknown-critical.pub", "cert-verify-required.pub", "cert-host.pub",
            "cert-other-ca.pub");
    private static final List<String> USERS = List.of("alice", "bob", "mallory", "");
    private static final List<InetAddress> CLIENTS = List.of(Fixtures.address("192.0.2.7"),
            Fixtures.address("10.1.2.3"), Fixtures.address("198.51.100.1"));

    /** What a login decided, without the line numbers and wording that differ by where the keys came from. */
    record Decision(Optional<Identity> identity, AuthFailure reason, boolean forwarding, Optional<String> command) {

        static Decision of(LoginResult result) {
            if (result instanceof LoginResult.Accepted ok) {
                return new Decision(Optional.of(ok.identity()), null, ok.portForwarding(), ok.forceCommand());
            }
            return new Decision(Optional.empty(), ((LoginResult.Rejected) result).reason(), false, Optional.empty());
        }
    }

    record Trusted(String fixture, Identity grant) {
    }

    @Property(tries = 300)
    void providerLoginsDecideAsConfigDoes(@ForAll("trusted") List<Trusted> keys, @ForAll("authorities")
            List<Trusted> authorities, @ForAll("presented") String presented, @ForAll("users") String user,
            @ForAll("clients") InetAddress client) {
        List<KeyEntry> entries = new ArrayList<>();
        MapIdentitySource source = new MapIdentitySource();
        for (Trusted key : keys) {
            entries.add(entry(Fixtures.text(key.fixture()), key.grant()));
            source.key(Fixtures.publicKey(key.fixture()), key.grant());
        }
        for (Trusted ca : authorities) {
            entries.add(entry("cert-authority " + Fixtures.text(ca.fixture()), ca.grant()));
            source.authority(Fixtures.text(ca.fixture()), ca.grant());
        }
        ConfigIdentityProvider config = ConfigIdentityProviderTest.provider(new AuthConfig(entries, List.of(),
                dev.alknet.core.config.TokenSettings.defaults()));
        ProviderLogins logins = new ProviderLogins(source, source, Fixtures.CLOCK);

        LoginResult expected = config.authenticate(user, ProviderLoginsTest.presented(presented), client);
        LoginResult actual = logins.authenticate(user, ProviderLoginsTest.presented(presented), client);

        assertThat(Decision.of(actual)).isEqualTo(Decision.of(expected));
        Statistics.label("outcome").collect(expected instanceof LoginResult.Accepted ok
                ? (ok.certificate().isPresent() ? "certificate accepted" : "key accepted") : "rejected")
                .coverage(c -> {
                    c.check("certificate accepted").count(n -> n > 0);
                    c.check("key accepted").count(n -> n > 0);
                });
    }

    @Provide
    Arbitrary<List<Trusted>> trusted() {
        return subsetOf(KEYS);
    }

    @Provide
    Arbitrary<List<Trusted>> authorities() {
        return subsetOf(CAS);
    }

    @Provide
    Arbitrary<String> presented() {
        return Arbitraries.of(PRESENTED);
    }

    @Provide
    Arbitrary<String> users() {
        return Arbitraries.of(USERS);
    }

    @Provide
    Arbitrary<InetAddress> clients() {
        return Arbitraries.of(CLIENTS);
    }

    /** Each fixture at most once (a key listed twice is a config matter storage cannot express). */
    private static Arbitrary<List<Trusted>> subsetOf(List<String> fixtures) {
        Arbitrary<Identity> grant = Combinators.combine(
                Arbitraries.of("relay:connect", "team", "service:gitea:read").set().ofMaxSize(2),
                Arbitraries.of("gitea", "registry").set().ofMaxSize(2))
                .as((scopes, services) -> new Identity("grant", scopes,
                        services.isEmpty() ? Map.of() : Map.of("service", Set.copyOf(services))));
        return Arbitraries.of(fixtures).set().flatMap(chosen -> grant.list().ofSize(chosen.size())
                .map(grants -> {
                    List<Trusted> out = new ArrayList<>();
                    List<String> ordered = fixtures.stream().filter(chosen::contains).toList();
                    for (int i = 0; i < ordered.size(); i++) {
                        out.add(new Trusted(ordered.get(i), grants.get(i)));
                    }
                    return out;
                }));
    }

    private static KeyEntry entry(String line, Identity grant) {
        Map<String, List<String>> resources = new LinkedHashMap<>();
        grant.resources().forEach((kind, names) -> resources.put(kind, List.copyOf(names)));
        return new KeyEntry(line, List.copyOf(grant.scopes()), resources, "parity");
    }
}
