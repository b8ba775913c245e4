package dev.alknet.host;

import dev.alknet.host.StorageOpsFixture.Caller;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fresh {@link StorageOpsFixture} per test with the {@code people} types and one graph that alice (with
 * {@code storage:read} and {@code storage:write}) created and so owns.
 */
abstract class StorageGraphTestBase {

    @TempDir
    Path dir;

    StorageOpsFixture fixture;
    String typeId;
    Caller alice;
    String graphId;

    @BeforeEach
    void createGraph() {
        fixture = new StorageOpsFixture(dir);
        typeId = fixture.peopleType();
        alice = fixture.alice();
        graphId = alice.call("createGraph", "{\"graph_type_id\": \"" + typeId + "\", \"name\": \"people\"}")
                .get("id").stringValue();
    }

    @AfterEach
    void closeFixture() throws Exception {
        fixture.close();
    }

    /** An input naming the graph and {@code fields}, e.g. {@code "key": "a"}. */
    String inGraph(String fields) {
        return "{\"graph_id\": \"" + graphId + "\"" + (fields.isEmpty() ? "" : ", " + fields) + "}";
    }

    void addPerson(Caller caller, String key) {
        caller.call("addNode", inGraph("\"type\": \"person\", \"key\": \"" + key + "\", \"attributes\": "
                + "{\"name\": \"" + key + "\"}"));
    }
}
