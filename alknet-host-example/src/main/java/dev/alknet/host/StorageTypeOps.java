package dev.alknet.host;

import static dev.alknet.host.OpInput.bool;
import static dev.alknet.host.OpInput.integer;
import static dev.alknet.host.OpInput.jsonSchema;
import static dev.alknet.host.OpInput.name;
import static dev.alknet.host.OpInput.names;
import static dev.alknet.host.OpInput.oneOfValues;
import static dev.alknet.host.OpInput.text;

import dev.alknet.storage.GraphKind;
import dev.alknet.storage.GraphRules;
import dev.alknet.storage.GraphType;
import dev.alknet.storage.Metagraph;
import dev.alknet.storage.StorageException;
import dev.alknet.storage.TypeScope;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Graph, node and edge types: defined by admins, read by anyone with {@code storage:read}. */
final class StorageTypeOps {

    private StorageTypeOps() {
    }

    static void register(StorageOps ops, Metagraph metagraph) {
        ops.mutation("createGraphType", StorageOps.ADMINS, OpInput.object()
                        .required("name", name()).optional("description", text())
                        .optional("kind", oneOfValues("directed", "undirected", "mixed"))
                        .optional("multi", bool()).optional("self_loops", bool())
                        .optional("version", integer(1, Integer.MAX_VALUE))
                        .optional("scope", oneOfValues("system", "tenant", "user")),
                (in, env) -> StorageJson.graphType(metagraph.createGraphType(in.get("name").stringValue(),
                        optionalText(in, "description"),
                        new GraphRules(StorageJson.enumValue(GraphKind.class, in.path("kind").asString("directed")),
                                in.path("multi").asBoolean(false), in.path("self_loops").asBoolean(false)),
                        in.path("version").asInt(1),
                        StorageJson.enumValue(TypeScope.class, in.path("scope").asString("system")))));
        ops.mutation("createNodeType", StorageOps.ADMINS, OpInput.object()
                        .required("graph_type_id", name()).required("name", name()).optional("description", text())
                        .optional("schema", jsonSchema()),
                (in, env) -> StorageJson.nodeType(metagraph.createNodeType(in.get("graph_type_id").stringValue(),
                        in.get("name").stringValue(), optionalText(in, "description"), schema(in))));
        ops.mutation("createEdgeType", StorageOps.ADMINS, OpInput.object()
                        .required("graph_type_id", name()).required("name", name()).optional("description", text())
                        .optional("schema", jsonSchema()).optional("sources", names()).optional("targets", names()),
                (in, env) -> StorageJson.edgeType(metagraph.createEdgeType(in.get("graph_type_id").stringValue(),
                        in.get("name").stringValue(), optionalText(in, "description"), schema(in),
                        strings(in.path("sources")), strings(in.path("targets")))));
        ops.query("getGraphType", StorageOps.READERS, OpInput.object()
                        .optional("id", name()).optional("name", name()).oneOf("id", "name"),
                (in, env) -> {
                    GraphType type = (in.has("id") ? metagraph.graphType(in.get("id").stringValue())
                            : metagraph.graphTypeByName(in.get("name").stringValue()))
                            .orElseThrow(() -> new StorageException(StorageException.Kind.NOT_FOUND,
                                    "graph type " + (in.has("id") ? "id '" + in.get("id").stringValue()
                                            : "'" + in.get("name").stringValue()) + "' does not exist"));
                    ObjectNode out = StorageJson.object();
                    out.set("graph_type", StorageJson.graphType(type));
                    out.setAll(StorageJson.list("node_types", metagraph.nodeTypes(type.id()), StorageJson::nodeType));
                    out.setAll(StorageJson.list("edge_types", metagraph.edgeTypes(type.id()), StorageJson::edgeType));
                    return out;
                });
        ops.query("listGraphTypes", StorageOps.READERS, OpInput.object(),
                (in, env) -> StorageJson.list("graph_types", metagraph.graphTypes(), StorageJson::graphType));
    }

    static String optionalText(JsonNode in, String field) {
        JsonNode value = in.get(field);
        return value == null ? null : value.stringValue();
    }

    private static JsonNode schema(JsonNode in) {
        return in.has("schema") ? in.get("schema") : StorageJson.object();
    }

    private static List<String> strings(JsonNode array) {
        return array.valueStream().map(JsonNode::stringValue).toList();
    }
}
