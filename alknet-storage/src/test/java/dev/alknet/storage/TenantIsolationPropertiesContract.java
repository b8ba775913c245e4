package dev.alknet.storage;

import static dev.alknet.storage.MetagraphContract.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;

/**
 * Random writes spread over the system database and two tenants, all into graphs of the same name and type name and
 * onto streams of the same name: afterwards each store holds exactly the nodes and events written to it, whatever
 * went to the others (the model is a map per store).
 */
abstract class TenantIsolationPropertiesContract {

    private static final List<String> STORES = List.of("system", "a", "b");

    StorageService storage;
    Map<String, Store> stores;

    /** One store's metagraph and streams. */
    record Store(Metagraph metagraph, Streams streams) {
    }

    abstract StorageBackend backend();

    @BeforeProperty
    void open() {
        storage = StorageService.open(backend().freshDatabase());
        String owner = storage.identities().createAccount("o@example.org", null, AccessLevel.USER, Grant.none()).id();
        TenantStorage a = storage.tenant(storage.identities().createOrganization("A", "a", owner, Grant.none()).id());
        TenantStorage b = storage.tenant(storage.identities().createOrganization("B", "b", owner, Grant.none()).id());
        stores = Map.of("system", new Store(storage.metagraph(), storage.streams()),
                "a", new Store(a.metagraph(), a.streams()), "b", new Store(b.metagraph(), b.streams()));
        for (Store s : stores.values()) {
            GraphType t = s.metagraph().createGraphType("items", null, GraphRules.strictDirected(), TypeScope.USER);
            s.metagraph().createNodeType(t.id(), "item", null, "{}");
        }
    }

    @AfterProperty
    void close() {
        storage.close();
    }

    @Property(tries = 25)
    void eachStoreHoldsExactlyWhatWasWrittenToIt(@ForAll("writes") List<Tuple2<String, String>> writes) {
        Map<String, String> graphs = new TreeMap<>();
        Map<String, TreeSet<String>> model = new TreeMap<>();
        for (String name : STORES) {
            Metagraph mg = stores.get(name).metagraph();
            graphs.put(name, mg.createGraph(mg.graphTypeByName("items").orElseThrow().id(), "g", null, null, null)
                    .id());
            model.put(name, new TreeSet<>());
        }
        String stream = "s-" + graphs.get("system");
        for (Tuple2<String, String> w : writes) {
            Store s = stores.get(w.get1());
            if (model.get(w.get1()).add(w.get2())) {
                s.metagraph().addNode(graphs.get(w.get1()), "item", w.get2(), "{}");
            }
            s.streams().publish(stream, "wrote", json("{\"key\": \"" + w.get2() + "\"}"));
        }
        for (String name : STORES) {
            Store s = stores.get(name);
            assertThat(s.metagraph().nodes(graphs.get(name))).extracting(Node::key)
                    .containsExactlyElementsOf(model.get(name));
            for (String other : STORES) {
                if (!other.equals(name)) {
                    assertThat(s.metagraph().graph(graphs.get(other))).isEmpty();
                }
            }
            List<String> published = new ArrayList<>();
            writes.stream().filter(w -> w.get1().equals(name)).forEach(w -> published.add(w.get2()));
            assertThat(s.streams().read(stream, 0, 1000)).extracting(e -> e.payload().path("key").asString())
                    .containsExactlyElementsOf(published);
        }
    }

    @Provide
    Arbitrary<List<Tuple2<String, String>>> writes() {
        return Combinators.combine(Arbitraries.of(STORES), Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(3))
                .as(Tuple::of).list().ofMaxSize(40);
    }
}
