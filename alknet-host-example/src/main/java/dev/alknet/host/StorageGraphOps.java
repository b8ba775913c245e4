package dev.alknet.host;

import static dev.alknet.host.OpInput.name;
import static dev.alknet.host.OpInput.oneOfValues;
import static dev.alknet.host.OpInput.text;
import static dev.alknet.host.StorageTypeOps.optionalText;

import dev.alknet.callproto.CallException;
import dev.alknet.callproto.ErrorCode;
import dev.alknet.core.Identity;
import dev.alknet.storage.AclAction;
import dev.alknet.storage.Graph;
import dev.alknet.storage.GraphStatus;
import dev.alknet.storage.Metagraph;

/**
 * Graphs: anyone with {@code storage:write} creates graphs and owns what they create; reading and writing one then
 * follows {@link GraphAccess}.
 */
final class StorageGraphOps {

    private StorageGraphOps() {
    }

    static void register(StorageOps ops, Metagraph metagraph, GraphAccess access) {
        ops.mutation("createGraph", StorageOps.WRITERS, OpInput.object()
                        .required("graph_type_id", name()).required("name", name()).optional("description", text())
                        .optional("project_id", name()),
                (in, env) -> StorageJson.graph(create(metagraph, access, env.identity(),
                        in.get("graph_type_id").stringValue(), in.get("name").stringValue(),
                        optionalText(in, "description"), optionalText(in, "project_id"))));
        ops.query("getGraph", StorageOps.READERS, OpInput.object().required("graph_id", name()),
                (in, env) -> StorageJson.graph(access.require(env.identity(), in.get("graph_id").stringValue(),
                        AclAction.READ)));
        ops.query("listGraphs", StorageOps.READERS, OpInput.object().optional("owner_id", name()),
                (in, env) -> {
                    String owner = in.path("owner_id").asString(env.identity().id());
                    if (!owner.equals(env.identity().id()) && !env.identity().hasScope(GraphAccess.ADMIN)) {
                        throw new CallException(ErrorCode.ACCESS_DENIED, "only an admin lists the graphs of another "
                                + "owner");
                    }
                    return StorageJson.list("graphs", metagraph.graphsOwnedBy(owner), StorageJson::graph);
                });
        ops.mutation("setGraphStatus", StorageOps.WRITERS, OpInput.object()
                        .required("graph_id", name()).required("status", oneOfValues("draft", "active", "archived")),
                (in, env) -> {
                    Graph graph = access.require(env.identity(), in.get("graph_id").stringValue(), AclAction.WRITE);
                    return StorageJson.graph(metagraph.setStatus(graph.id(),
                            StorageJson.enumValue(GraphStatus.class, in.get("status").stringValue())));
                });
        ops.mutation("deleteGraph", StorageOps.WRITERS, OpInput.object().required("graph_id", name()),
                (in, env) -> {
                    Graph graph = access.requireOwner(env.identity(), in.get("graph_id").stringValue());
                    if (access.isAclGraph(graph.id())) {
                        throw new CallException(ErrorCode.VALIDATION_ERROR, "the access control graph cannot be "
                                + "deleted");
                    }
                    boolean deleted = metagraph.deleteGraph(graph.id());
                    access.forget(graph.id());
                    return StorageJson.object().put("deleted", deleted);
                });
        OpInput grantInput = OpInput.object().required("graph_id", name()).required("identity_id", name())
                .required("action", oneOfValues("read", "write"));
        ops.mutation("grantGraph", StorageOps.WRITERS, grantInput, (in, env) -> {
            Graph graph = access.requireOwner(env.identity(), in.get("graph_id").stringValue());
            return StorageJson.object().put("granted", access.grant(graph.id(), in.get("identity_id").stringValue(),
                    StorageJson.enumValue(AclAction.class, in.get("action").stringValue())));
        });
        ops.mutation("revokeGraph", StorageOps.WRITERS, grantInput, (in, env) -> {
            Graph graph = access.requireOwner(env.identity(), in.get("graph_id").stringValue());
            return StorageJson.object().put("revoked", access.revoke(graph.id(), in.get("identity_id").stringValue(),
                    StorageJson.enumValue(AclAction.class, in.get("action").stringValue())));
        });
    }

    /**
     * The graph and its ACL entries are written in separate transactions, so a failure after the graph was created
     * deletes it again: the caller gets either an owned graph or nothing.
     */
    private static Graph create(Metagraph metagraph, GraphAccess access, Identity caller, String typeId, String name,
            String description, String projectId) {
        Graph graph = metagraph.createGraph(typeId, name, description, caller.id(), projectId);
        try {
            access.registerOwned(graph, caller.id());
            return graph;
        } catch (RuntimeException e) {
            access.forget(graph.id());
            metagraph.deleteGraph(graph.id());
            throw e;
        }
    }
}
