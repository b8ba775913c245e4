package dev.alknet.host;

import static dev.alknet.host.OpInput.bool;
import static dev.alknet.host.OpInput.jsonObject;
import static dev.alknet.host.OpInput.name;

import dev.alknet.storage.AclAction;
import dev.alknet.storage.EdgeQuery;
import dev.alknet.storage.Graph;
import dev.alknet.storage.Metagraph;
import dev.alknet.storage.NewEdge;
import dev.alknet.storage.StorageException;
import tools.jackson.databind.JsonNode;

/**
 * Edges of one graph, with the same access as its nodes. Anonymous edges have no key, so {@code deleteEdge} takes
 * the id every edge has ({@code addEdge} and {@code queryEdges} return it).
 */
final class StorageEdgeOps {

    private StorageEdgeOps() {
    }

    static void register(StorageOps ops, Metagraph metagraph, GraphAccess access) {
        ops.mutation("addEdge", StorageOps.WRITERS, OpInput.object().required("graph_id", name())
                        .required("type", name()).required("source", name()).required("target", name())
                        .optional("key", name()).optional("attributes", jsonObject()).optional("undirected", bool()),
                (in, env) -> {
                    Graph graph = access.require(env.identity(), in.get("graph_id").stringValue(), AclAction.WRITE);
                    JsonNode attributes = in.has("attributes") ? in.get("attributes") : StorageJson.object();
                    NewEdge edge = new NewEdge(in.get("type").stringValue(), in.path("key").asString(null),
                            in.get("source").stringValue(), in.get("target").stringValue(), attributes,
                            in.path("undirected").asBoolean(false));
                    return StorageJson.edge(metagraph.addEdge(graph.id(), edge));
                });
        ops.query("getEdge", StorageOps.READERS, OpInput.object().required("graph_id", name())
                        .required("key", name()),
                (in, env) -> {
                    Graph graph = access.require(env.identity(), in.get("graph_id").stringValue(), AclAction.READ);
                    String key = in.get("key").stringValue();
                    return StorageJson.edge(metagraph.edge(graph.id(), key).orElseThrow(() -> new StorageException(
                            StorageException.Kind.NOT_FOUND, "edge '" + key + "' does not exist in graph '"
                                    + graph.id() + "'")));
                });
        ops.mutation("deleteEdge", StorageOps.WRITERS, OpInput.object().required("graph_id", name())
                        .required("id", name()),
                (in, env) -> {
                    Graph graph = access.require(env.identity(), in.get("graph_id").stringValue(), AclAction.WRITE);
                    return StorageJson.object().put("deleted", metagraph.deleteEdge(graph.id(),
                            in.get("id").stringValue()));
                });
        ops.query("queryEdges", StorageOps.READERS, Paging.input().required("graph_id", name())
                        .optional("type", name()).optional("source", name()).optional("target", name()),
                (in, env) -> {
                    Graph graph = access.require(env.identity(), in.get("graph_id").stringValue(), AclAction.READ);
                    EdgeQuery query = new EdgeQuery(in.path("type").asString(null), in.path("source").asString(null),
                            in.path("target").asString(null), Paging.after(in), Paging.limit(in));
                    return Paging.output("edges", metagraph.edges(graph.id(), query), StorageJson::edge);
                });
    }
}
