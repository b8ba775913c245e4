package dev.alknet.flowgraph;

import static dev.alknet.flowgraph.Json.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class OperationGraphTest {

    private static final String PATH = "{'type':'object','required':['path'],'properties':{'path':{'type':'string'}}}";
    private static final String TEXT = "{'type':'object','required':['text'],'properties':{'text':{'type':'string'}}}";
    private static final String COUNT = "{'type':'object','required':['text'],'properties':{'text':{'type':'integer'}}}";

    private static JsonNode spec(String name, String type, String input, String output) {
        return json("{'name':'" + name + "','op_type':'" + type + "','input_schema':" + input + ",'output_schema':"
                + output + "}");
    }

    @Test
    void edgesFollowSchemaCompatibility() {
        OperationGraph graph = OperationGraph.fromJson(List.of(
                spec("/dev1/fs/list", "query",
                        "{'type':'object','required':['dir'],'properties':{'dir':{'type':'string'}}}", PATH),
                spec("/dev1/fs/read", "query", PATH, TEXT),
                spec("/dev1/text/count", "query", COUNT, "{'type':'integer'}"),
                spec("/dev1/notify/alert", "mutation", TEXT, "{'type':'null'}")));

        assertThat(graph.nodes()).extracting(OperationNode::namespace).containsExactly("fs", "fs", "notify", "text");
        assertThat(graph.feeds("/dev1/fs/list")).containsExactly("/dev1/fs/read");
        assertThat(graph.feeds("/dev1/fs/read")).containsExactly("/dev1/notify/alert");
        assertThat(graph.fedBy("/dev1/notify/alert")).containsExactly("/dev1/fs/read");
        assertThat(graph.edge("/dev1/fs/read", "/dev1/text/count")).contains(new OperationEdge("/dev1/fs/read",
                "/dev1/text/count", false, "at 'text': output is string, input requires integer"));
        assertThat(graph.edge("/dev1/text/count", "/dev1/fs/read")).isEmpty();
        assertThat(graph.edges()).hasSize(3);
        assertThat(graph.findCycle()).isEmpty();
        assertThat(graph.topologicalOrder().indexOf("/dev1/fs/read"))
                .isLessThan(graph.topologicalOrder().indexOf("/dev1/notify/alert"));
    }

    @Test
    void aCycleOfCompatibleEdgesIsReportedWithItsPath() {
        OperationGraph graph = OperationGraph.fromJson(List.of(
                spec("/a/x/one", "query", PATH, TEXT),
                spec("/a/x/two", "query", TEXT, PATH),
                spec("/a/x/three", "query", COUNT, TEXT)));

        assertThat(graph.findCycle()).contains(List.of("/a/x/one", "/a/x/two", "/a/x/one"));
        assertThatThrownBy(graph::topologicalOrder).isInstanceOf(CycleException.class)
                .hasMessage("the operation graph is not a DAG: cycle /a/x/one → /a/x/two → /a/x/one")
                .satisfies(e -> assertThat(((CycleException) e).path()).hasSize(3));
    }

    @Test
    void specsWithoutSchemasGetNoEdges() {
        OperationGraph graph = OperationGraph.fromJson(List.of(json("{'name':'/s/a','op_type':'query'}"),
                json("{'name':'/s/b','op_type':'mutation','input_schema':{},'output_schema':null}")));
        assertThat(graph.edges()).isEmpty();
        assertThat(graph.topologicalOrder()).containsExactly("/s/a", "/s/b");
    }

    @Test
    void malformedSpecsAreRejectedByPositionAndField() {
        assertThatThrownBy(() -> OperationGraph.fromJson(List.of(json("{'name':'/s/a','op_type':'query'}"),
                json("{'name':'/s/b','op_type':'read'}"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("spec #1: operation spec /s/b: op_type must be query, mutation or subscription, got 'read'");
        assertThatThrownBy(() -> OperationGraph.fromJson(List.of(json("{'op_type':'query'}"))))
                .hasMessage("spec #0: operation spec: name must be an operation path such as /fs/readFile, got ");
        assertThatThrownBy(() -> OperationGraph.fromJson(List.of(json("[1]"))))
                .hasMessage("spec #0: an operation spec must be a JSON object, got ARRAY");
        assertThatThrownBy(() -> OperationGraph.fromJson(List.of(json("{'name':'/s/a','op_type':'query'}"),
                json("{'name':'/s/a','op_type':'query'}"))))
                .hasMessage("operation /s/a is specified twice");
        assertThatThrownBy(() -> OperationGraph.fromJson(List.of(json("{'name':'/s/a','op_type':'query'}")))
                .feeds("/s/zz")).hasMessage("no operation /s/zz");
    }
}
