package dev.alknet.flowgraph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class OperationGraphProperties {

    @Provide
    Arbitrary<List<JsonNode>> specs() {
        Arbitrary<JsonNode> schema = Arbitraries.oneOf(Schemas.schemas().map(s -> (JsonNode) s), Schemas.anyJson());
        Arbitrary<JsonNode> spec = Combinators.combine(
                Arbitraries.of("/a/b/c", "/x/y", "/", "bad", "/s/t/u"), Arbitraries.of("query", "mutation", "x"),
                schema, schema).as((name, type, input, output) -> {
                    ObjectNode node = Json.MAPPER.createObjectNode();
                    node.put("name", name);
                    node.put("op_type", type);
                    node.set("input_schema", input);
                    node.set("output_schema", output);
                    return node;
                });
        return Arbitraries.oneOf(spec, Schemas.anyJson()).list().ofMaxSize(5);
    }

    @Property
    void anySpecListBuildsOrIsRejectedNamingTheSpec(@ForAll("specs") List<JsonNode> specs) {
        Throwable thrown = catchThrowable(() -> {
            OperationGraph graph = OperationGraph.fromJson(specs);
            List<String> names = new ArrayList<>();
            graph.nodes().forEach(n -> names.add(n.name()));
            assertThat(graph.edges()).allSatisfy(e -> {
                assertThat(names).contains(e.source(), e.target());
                assertThat(e.compatible()).isEqualTo(e.detail() == null);
            });
        });
        if (thrown != null) {
            assertThat(thrown).isInstanceOf(IllegalArgumentException.class);
            assertThat(thrown.getMessage()).matches("spec #\\d+: .+|operation .+ is specified twice");
        }
    }
}
