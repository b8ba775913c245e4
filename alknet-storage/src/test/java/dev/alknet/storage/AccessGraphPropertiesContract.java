package dev.alknet.storage;

import static dev.alknet.storage.MetagraphContract.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;

/**
 * Random ACL graphs: storage's walk agrees with the forward reference model ({@link AclModel}) before and after an
 * edge is revoked (so a revocation takes away exactly what depended on the edge), and adding a delegation never
 * allows anything the delegator could not do with at least the same scopes, nor beyond the narrowed scopes.
 */
abstract class AccessGraphPropertiesContract {

    private static final List<String> SCOPES = List.of("a", "b", "c");
    private static final int PRINCIPALS = 4;
    private static final List<String> RESOURCES = List.of("r0", "r1");

    private final AtomicInteger tries = new AtomicInteger();
    private StorageService storage;
    private AccessGraph acl;

    abstract StorageBackend backend();

    @BeforeProperty
    void open() {
        storage = StorageService.open(backend().freshDatabase());
        acl = storage.acl();
    }

    @AfterProperty
    void close() {
        storage.close();
    }

    /** A graph to build: each principal's scopes and the edges, by index. */
    record Plan(List<Set<String>> scopes, List<AclModel.AclEdge> edges) {
    }

    @Property(tries = 60)
    void theWalkMatchesTheModelBeforeAndAfterARevocation(@ForAll("plans") Plan plan,
            @ForAll("indexes") int revokeIndex) {
        Built g = build(plan);
        assertAgrees(g, g.edges());
        if (g.edges().isEmpty()) {
            return;
        }
        int i = revokeIndex % g.edges().size();
        assertThat(acl.revoke(g.ids().get(i))).isTrue();
        List<AclModel.AclEdge> rest = new ArrayList<>(g.edges());
        rest.remove(i);
        assertAgrees(g, rest);
    }

    @Property(tries = 25)
    void delegationNeverWidens(@ForAll("plans") Plan plan, @ForAll("pairs") int[] pair,
            @ForAll("scopeSets") Set<String> narrowed, @ForAll boolean narrowable) {
        Built g = build(plan);
        String from = g.principal(pair[0]);
        String to = g.principal(pair[1]);
        boolean exists = g.edges().stream().anyMatch(e -> e.kind().equals("delegates") && e.from().equals(from)
                && e.to().equals(to));
        if (pair[0] == pair[1] || exists) {
            return;
        }
        Map<String, Boolean> before = decisions(g);
        acl.delegate(from, to, narrowed, narrowable);
        for (Map.Entry<String, Boolean> d : decisions(g).entrySet()) {
            if (d.getValue() && !before.get(d.getKey())) {
                String[] parts = d.getKey().split("\\|", -1);
                String viaDelegator = from + "|" + parts[1] + "|" + parts[2] + "|" + parts[3];
                assertThat(before.get(viaDelegator)).as("newly allowed %s must have been allowed to %s",
                        d.getKey(), from).isTrue();
                Set<String> required = parts[3].isEmpty() ? Set.of() : Set.of(parts[3].split(","));
                assertThat(narrowed).as("newly allowed %s must be within the narrowed scopes", d.getKey())
                        .containsAll(required);
            }
        }
    }

    /** The node keys and edge ids of one try's graph (keys are unique per try). */
    private record Built(String prefix, Map<String, Set<String>> scopes, List<AclModel.AclEdge> edges,
            List<String> ids) {

        String principal(int i) {
            return prefix + "p" + i;
        }

        String resource(String r) {
            return prefix + r;
        }
    }

    private Built build(Plan plan) {
        String prefix = "t" + tries.incrementAndGet() + "-";
        Map<String, Set<String>> scopes = new LinkedHashMap<>();
        for (int i = 0; i < PRINCIPALS; i++) {
            scopes.put(prefix + "p" + i, plan.scopes().get(i));
            acl.addPrincipal(prefix + "p" + i, PrincipalType.ROLE, "id" + i, plan.scopes().get(i));
        }
        RESOURCES.forEach(r -> acl.addResource(prefix + r, json("{}")));
        List<AclModel.AclEdge> edges = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (AclModel.AclEdge e : plan.edges()) {
            AclModel.AclEdge real = new AclModel.AclEdge(e.kind(), prefix + e.from(), prefix + e.to(), e.narrowed(),
                    e.narrowable());
            if (e.from().equals(e.to()) || !seen.add(e.kind() + e.from() + e.to())) {
                continue;
            }
            Edge added = switch (e.kind()) {
                case "belongs_to" -> acl.addMember(real.from(), real.to());
                case "delegates" -> acl.delegate(real.from(), real.to(), e.narrowed(), e.narrowable());
                default -> acl.grant(real.from(), AclAction.valueOf(e.kind().substring(4).toUpperCase()), real.to());
            };
            edges.add(real);
            ids.add(added.id());
        }
        return new Built(prefix, scopes, edges, ids);
    }

    private void assertAgrees(Built g, List<AclModel.AclEdge> edges) {
        AclModel model = new AclModel(g.scopes(), edges);
        for (String p : g.scopes().keySet()) {
            for (String r : RESOURCES) {
                for (Set<String> required : subsets()) {
                    assertThat(acl.checkAccess(p, g.resource(r), AclAction.READ, required))
                            .as("%s read %s with %s", p, r, required)
                            .isEqualTo(model.allowed(p, g.resource(r), AclAction.READ, required));
                }
            }
        }
    }

    /** Every READ decision of the try, keyed {@code principal|resource|action|scopes}. */
    private Map<String, Boolean> decisions(Built g) {
        Map<String, Boolean> out = new LinkedHashMap<>();
        for (String p : g.scopes().keySet()) {
            for (String r : RESOURCES) {
                for (Set<String> required : subsets()) {
                    out.put(p + "|" + r + "|READ|" + String.join(",", required.stream().sorted().toList()),
                            acl.checkAccess(p, g.resource(r), AclAction.READ, required));
                }
            }
        }
        return out;
    }

    private static List<Set<String>> subsets() {
        List<Set<String>> out = new ArrayList<>();
        for (int mask = 0; mask < 1 << SCOPES.size(); mask++) {
            Set<String> s = new HashSet<>();
            for (int i = 0; i < SCOPES.size(); i++) {
                if ((mask & 1 << i) != 0) {
                    s.add(SCOPES.get(i));
                }
            }
            out.add(s);
        }
        return out;
    }

    @Provide
    Arbitrary<Set<String>> scopeSets() {
        return Arbitraries.of(SCOPES).set();
    }

    @Provide
    Arbitrary<Integer> indexes() {
        return Arbitraries.integers().between(0, 1000);
    }

    @Provide
    Arbitrary<int[]> pairs() {
        Arbitrary<Integer> p = Arbitraries.integers().between(0, PRINCIPALS - 1);
        return Combinators.combine(p, p).as((a, b) -> new int[] {a, b});
    }

    @Provide
    Arbitrary<Plan> plans() {
        Arbitrary<String> principal = Arbitraries.integers().between(0, PRINCIPALS - 1).map(i -> "p" + i);
        Arbitrary<AclModel.AclEdge> grant = Combinators.combine(principal, Arbitraries.of("can_read", "can_write"),
                Arbitraries.of(RESOURCES)).as((p, kind, r) -> new AclModel.AclEdge(kind, p, r, Set.of(), true));
        Arbitrary<AclModel.AclEdge> member = Combinators.combine(principal, principal)
                .as((m, g) -> new AclModel.AclEdge("belongs_to", m, g, Set.of(), true));
        Arbitrary<AclModel.AclEdge> delegation = Combinators.combine(principal, principal, scopeSets(),
                Arbitraries.of(true, false)).as((d, e, n, narrowable) -> new AclModel.AclEdge("delegates", d, e, n,
                        narrowable));
        Arbitrary<List<AclModel.AclEdge>> edges = Arbitraries.frequencyOf(Tuple.of(2, grant), Tuple.of(1, member),
                Tuple.of(3, delegation)).list().ofMaxSize(12);
        return Combinators.combine(scopeSets().list().ofSize(PRINCIPALS), edges).as(Plan::new);
    }
}
