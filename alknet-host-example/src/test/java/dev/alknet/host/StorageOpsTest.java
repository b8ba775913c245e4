package dev.alknet.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alknet.callproto.CallException;
import dev.alknet.callproto.ErrorCode;
import dev.alknet.storage.Streams;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The storage operations end to end over call sessions, against a real registry and a real SQLite file. */
class StorageOpsTest extends StorageGraphTestBase {

    @Test
    void theCreatorOwnsADraftGraphAndListsIt() {
        JsonNode graph = alice.call("getGraph", "{\"graph_id\": \"" + graphId + "\"}");

        assertThat(graph.get("owner_id").stringValue()).isEqualTo(StorageOpsFixture.ALICE_ID);
        assertThat(graph.get("status").stringValue()).isEqualTo("draft");
        assertThat(alice.call("listGraphs", "{}").get("graphs").valueStream().map(g -> g.get("id").stringValue()))
                .containsExactly(graphId);
        assertThat(alice.call("setGraphStatus", inGraph("\"status\": \"active\"")).get("status").stringValue())
                .isEqualTo("active");
        JsonNode type = alice.call("getGraphType", "{\"name\": \"people\"}");
        assertThat(type.get("node_types").valueStream().map(t -> t.get("name").stringValue()))
                .containsExactly("person");
        assertThat(type.get("edge_types").get(0).get("sources").get(0).stringValue()).isEqualTo("person");
    }

    @Test
    void nodesAreAddedReadUpdatedPagedAndDeleted() {
        for (String key : List.of("d", "a", "c", "b", "e")) {
            addPerson(alice, key);
        }
        JsonNode updated = alice.call("updateNode", inGraph("\"key\": \"a\", \"attributes\": {\"name\": \"Ann\", "
                + "\"age\": 40}"));

        assertThat(updated.get("attributes").get("age").asInt()).isEqualTo(40);
        assertThat(alice.call("getNode", inGraph("\"key\": \"a\"")).get("attributes").get("name").stringValue())
                .isEqualTo("Ann");
        JsonNode first = alice.call("queryNodes", inGraph("\"type\": \"person\", \"limit\": 2"));
        JsonNode second = alice.call("queryNodes", inGraph("\"limit\": 2, \"after\": \"" + first.get("next")
                .stringValue() + "\""));
        JsonNode last = alice.call("queryNodes", inGraph("\"limit\": 2, \"after\": \"" + second.get("next")
                .stringValue() + "\""));
        assertThat(keys(first, "nodes")).containsExactly("a", "b");
        assertThat(keys(second, "nodes")).containsExactly("c", "d");
        assertThat(keys(last, "nodes")).containsExactly("e");
        assertThat(last.get("next").isNull()).isTrue();

        assertThat(alice.call("deleteNode", inGraph("\"key\": \"e\"")).get("deleted").asBoolean()).isTrue();
        assertThat(alice.call("deleteNode", inGraph("\"key\": \"e\"")).get("deleted").asBoolean()).isFalse();
        CallException gone = alice.fails("getNode", inGraph("\"key\": \"e\""));
        assertThat(gone.code()).isEqualTo(ErrorCode.EXECUTION_ERROR);
        assertThat(gone.details().get("storage_error").stringValue()).isEqualTo("not_found");
        assertThat(gone.getMessage()).contains("node 'e' does not exist");
    }

    @Test
    void edgesAreAddedQueriedByEndpointAndTypeAndDeleted() {
        for (String key : List.of("a", "b", "c")) {
            addPerson(alice, key);
        }
        JsonNode ab = alice.call("addEdge", inGraph("\"type\": \"knows\", \"source\": \"a\", \"target\": \"b\", "
                + "\"key\": \"ab\""));
        alice.call("addEdge", inGraph("\"type\": \"knows\", \"source\": \"b\", \"target\": \"c\""));
        alice.call("addEdge", inGraph("\"type\": \"knows\", \"source\": \"c\", \"target\": \"a\""));

        assertThat(alice.call("getEdge", inGraph("\"key\": \"ab\"")).get("id")).isEqualTo(ab.get("id"));
        assertThat(pairs(alice.call("queryEdges", inGraph("\"source\": \"b\"")))).containsExactly("b->c");
        assertThat(pairs(alice.call("queryEdges", inGraph("\"target\": \"a\"")))).containsExactly("c->a");
        assertThat(pairs(alice.call("queryEdges", inGraph("\"source\": \"a\", \"target\": \"b\""))))
                .containsExactly("a->b");
        assertThat(pairs(alice.call("queryEdges", inGraph("\"type\": \"knows\"")))).hasSize(3);
        assertThat(pairs(alice.call("queryEdges", inGraph("\"type\": \"likes\"")))).isEmpty();

        CallException loop = alice.fails("addEdge", inGraph("\"type\": \"knows\", \"source\": \"a\", "
                + "\"target\": \"a\""));
        assertThat(loop.code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
        assertThat(loop.getMessage()).contains("self-loop");

        assertThat(alice.call("deleteEdge", inGraph("\"id\": \"" + ab.get("id").stringValue() + "\""))
                .get("deleted").asBoolean()).isTrue();
        assertThat(pairs(alice.call("queryEdges", inGraph("\"source\": \"a\"")))).isEmpty();
        assertThat(pairs(alice.call("queryEdges", inGraph("\"limit\": 5")))).containsExactlyInAnyOrder("b->c", "c->a");
    }

    @Test
    void invalidAttributesNameTheirPointerInTheInputAndWriteNothing() {
        long head = fixture.storage.streams().read(Streams.graph(graphId), 0, 1000).size();

        CallException e = alice.fails("addNode", inGraph("\"type\": \"person\", \"key\": \"p\", "
                + "\"attributes\": {\"name\": \"P\", \"tags\": [\"ok\", 7]}"));

        assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
        assertThat(e.getMessage()).contains("'/attributes/tags/1'");
        assertThat(e.details().get("errors").get(0).get("pointer").stringValue()).isEqualTo("/attributes/tags/1");
        assertThat(alice.fails("getNode", inGraph("\"key\": \"p\"")).code()).isEqualTo(ErrorCode.EXECUTION_ERROR);
        assertThat(fixture.storage.streams().read(Streams.graph(graphId), 0, 1000)).hasSize((int) head);
    }

    @Test
    void malformedInputsNameTheField() {
        CallException missing = alice.fails("addNode", inGraph("\"type\": \"person\""));
        CallException typo = alice.fails("queryNodes", inGraph("\"limt\": 3"));
        CallException range = alice.fails("queryNodes", inGraph("\"limit\": 0"));

        assertThat(missing.code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
        assertThat(missing.getMessage()).contains("key");
        assertThat(typo.getMessage()).contains("limt");
        assertThat(range.getMessage()).contains("'/limit'");
    }

    @Test
    void aCursorThatCannotBeAKeyIsAValidationErrorNamingAfter() {
        CallException spaced = alice.fails("queryNodes", inGraph("\"after\": \" a\""));
        CallException control = alice.fails("queryEdges", inGraph("\"after\": \"\\u0007\""));

        assertThat(spaced.code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
        assertThat(spaced.getMessage()).startsWith("after ");
        assertThat(control.code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
        assertThat(control.getMessage()).startsWith("after ").contains("control characters");
    }

    @Test
    void aKeyTakenTwiceIsAnErrorWithoutSql() {
        addPerson(alice, "a");

        CallException e = alice.fails("addNode", inGraph("\"type\": \"person\", \"key\": \"a\", "
                + "\"attributes\": {\"name\": \"again\"}"));

        assertThat(e.code()).isEqualTo(ErrorCode.EXECUTION_ERROR);
        assertThat(e.details().get("storage_error").stringValue()).isEqualTo("already_exists");
        assertThat(e.getMessage()).doesNotContainIgnoringCase("insert").doesNotContainIgnoringCase("constraint")
                .doesNotContainIgnoringCase("sqlite");
    }

    @Test
    void archivedGraphsAreReadOnly() {
        addPerson(alice, "a");
        alice.call("setGraphStatus", inGraph("\"status\": \"archived\""));

        CallException e = alice.fails("addNode", inGraph("\"type\": \"person\", \"key\": \"b\", "
                + "\"attributes\": {\"name\": \"B\"}"));

        assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
        assertThat(alice.call("getNode", inGraph("\"key\": \"a\"")).get("key").stringValue()).isEqualTo("a");
    }

    static List<String> keys(JsonNode page, String field) {
        return page.get(field).valueStream().map(n -> n.get("key").stringValue()).toList();
    }

    private static List<String> pairs(JsonNode page) {
        return page.get("edges").valueStream()
                .map(e -> e.get("source").stringValue() + "->" + e.get("target").stringValue()).toList();
    }
}
