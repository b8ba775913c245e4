package dev.alknet.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.alknet.callproto.CallException;
import dev.alknet.callproto.CallSession;
import dev.alknet.callproto.OperationRegistry;
import dev.alknet.core.Identity;
import dev.alknet.core.transport.InMemoryTransport;
import dev.alknet.storage.StorageConfig;
import dev.alknet.storage.StorageService;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;

/**
 * The storage operations of a real registry over a real SQLite file, called through in-memory call-protocol
 * sessions: each {@link Caller} is a session whose authenticated peer is the given identity, as a listener would
 * have established it.
 */
final class StorageOpsFixture implements AutoCloseable {

    static final String NODE = "head";
    static final String ADMIN_ID = "SHA256:admin";
    static final String ALICE_ID = "SHA256:alice";
    static final String BOB_ID = "SHA256:bob";
    static final String PERSON_SCHEMA = """
            {"type": "object", "required": ["name"], "additionalProperties": false,
             "properties": {"name": {"type": "string"}, "age": {"type": "integer", "minimum": 0},
              "tags": {"type": "array", "items": {"type": "string"}}}}""";

    final StorageService storage;
    final OperationRegistry registry = OperationRegistry.create();
    private final List<AutoCloseable> open = new ArrayList<>();

    StorageOpsFixture(Path dir) {
        storage = StorageService.open(StorageConfig.inDataDir(dir));
        StorageOps.register(registry, NODE, storage);
    }

    /** A session for an identity with {@code scopes}. */
    Caller as(String id, String... scopes) {
        InMemoryTransport.Pair pair = InMemoryTransport.pair();
        CallSession server = CallSession.builder(pair.server(), Identity.of(id, scopes)).registry(registry).start();
        CallSession client = CallSession.builder(pair.client(), Identity.anonymous()).start();
        open.add(client);
        open.add(server);
        return new Caller(client);
    }

    Caller admin() {
        return as(ADMIN_ID, "admin");
    }

    Caller alice() {
        return as(ALICE_ID, StorageOps.READ, StorageOps.WRITE);
    }

    Caller bob() {
        return as(BOB_ID, StorageOps.READ, StorageOps.WRITE);
    }

    /**
     * A directed graph type {@code people} with node type {@code person} ({@link #PERSON_SCHEMA}) and edge type
     * {@code knows} (person → person), created by an admin; returns the graph type id.
     */
    String peopleType() {
        Caller admin = admin();
        String typeId = admin.call("createGraphType", "{\"name\": \"people\"}").get("id").stringValue();
        admin.call("createNodeType", "{\"graph_type_id\": \"" + typeId + "\", \"name\": \"person\", \"schema\": "
                + PERSON_SCHEMA + "}");
        admin.call("createEdgeType", "{\"graph_type_id\": \"" + typeId + "\", \"name\": \"knows\", "
                + "\"sources\": [\"person\"], \"targets\": [\"person\"]}");
        return typeId;
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
        storage.close();
    }

    /** One caller's session; operations are named without the {@code /head/storage/} prefix. */
    record Caller(CallSession session) {

        static String path(String op) {
            return "/" + NODE + "/storage/" + op;
        }

        JsonNode call(String op, String input) {
            return call(op, JsonText.parse("input", input));
        }

        JsonNode call(String op, JsonNode input) {
            try {
                return session.call(path(op), input).get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                throw (RuntimeException) e.getCause();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }

        /** The error a call ends with; fails the test when it succeeds. */
        CallException fails(String op, String input) {
            return fails(op, JsonText.parse("input", input));
        }

        CallException fails(String op, JsonNode input) {
            CallException e = catchThrowableOfType(CallException.class, () -> call(op, input));
            assertThat(e).as("%s %s should fail", op, input).isNotNull();
            return e;
        }

        Flow.Publisher<JsonNode> subscribe(String op, String input) {
            return session.subscribe(path(op), JsonText.parse("input", input));
        }
    }
}
