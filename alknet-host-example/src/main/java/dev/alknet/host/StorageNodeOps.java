package dev.alknet.host;

import static dev.alknet.host.OpInput.jsonObject;
import static dev.alknet.host.OpInput.name;

import dev.alknet.storage.AclAction;
import dev.alknet.storage.Graph;
import dev.alknet.storage.Metagraph;
import dev.alknet.storage.NewNode;
import dev.alknet.storage.NodeQuery;
import dev.alknet.storage.StorageException;
import tools.jackson.databind.JsonNode;

/** Nodes of one graph: written with {@code can_write} on it, read with {@code can_read}. */
final class StorageNodeOps {

    private StorageNodeOps() {
    }

    static void register(StorageOps ops, Metagraph metagraph, GraphAccess access) {
        ops.mutation("addNode", StorageOps.WRITERS, OpInput.object().required("graph_id", name())
                        .required("type", name()).required("key", name()).optional("attributes", jsonObject()),
                (in, env) -> {
                    Graph graph = access.require(env.identity(), in.get("graph_id").stringValue(), AclAction.WRITE);
                    JsonNode attributes = in.has("attributes") ? in.get("attributes") : StorageJson.object();
                    return StorageJson.node(metagraph.addNode(graph.id(), new NewNode(in.get("type").stringValue(),
                            in.get("key").stringValue(), attributes)));
                });
        ops.query("getNode", StorageOps.READERS, OpInput.object().required("graph_id", name())
                        .required("key", name()),
                (in, env) -> {
                    Graph graph = access.require(env.identity(), in.get("graph_id").stringValue(), AclAction.READ);
                    String key = in.get("key").stringValue();
                    return StorageJson.node(metagraph.node(graph.id(), key).orElseThrow(() -> new StorageException(
                            StorageException.Kind.NOT_FOUND, "node '" + key + "' does not exist in graph '"
                                    + graph.id() + "'")));
                });
        ops.mutation("updateNode", StorageOps.WRITERS, OpInput.object().required("graph_id", name())
                        .required("key", name()).required("attributes", jsonObject()),
                (in, env) -> {
                    Graph graph = access.require(env.identity(), in.get("graph_id").stringValue(), AclAction.WRITE);
                    return StorageJson.node(metagraph.updateNode(graph.id(), in.get("key").stringValue(),
                            in.get("attributes")));
                });
        ops.mutation("deleteNode", StorageOps.WRITERS, OpInput.object().required("graph_id", name())
                        .required("key", name()),
                (in, env) -> {
                    Graph graph = access.require(env.identity(), in.get("graph_id").stringValue(), AclAction.WRITE);
                    return StorageJson.object().put("deleted", metagraph.deleteNode(graph.id(),
                            in.get("key").stringValue()));
                });
        ops.query("queryNodes", StorageOps.READERS, Paging.input().required("graph_id", name())
                        .optional("type", name()),
                (in, env) -> {
                    Graph graph = access.require(env.identity(), in.get("graph_id").stringValue(), AclAction.READ);
                    NodeQuery query = new NodeQuery(in.path("type").asString(null), Paging.after(in),
                            Paging.limit(in));
                    return Paging.output("nodes", metagraph.nodes(graph.id(), query), StorageJson::node);
                });
    }
}
