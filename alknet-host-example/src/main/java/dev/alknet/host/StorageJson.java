package dev.alknet.host;

import dev.alknet.core.frame.FrameCodec;
import dev.alknet.storage.Edge;
import dev.alknet.storage.EdgeType;
import dev.alknet.storage.Graph;
import dev.alknet.storage.GraphType;
import dev.alknet.storage.Node;
import dev.alknet.storage.NodeType;
import dev.alknet.storage.StreamEvent;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The storage records as the storage operations answer them: snake_case fields, times as ISO-8601 strings. */
final class StorageJson {

    private StorageJson() {
    }

    static ObjectNode graphType(GraphType t) {
        ObjectNode out = object().put("id", t.id()).put("name", t.name()).put("description", t.description())
                .put("kind", t.rules().kind().jsonName()).put("multi", t.rules().multi())
                .put("self_loops", t.rules().allowSelfLoops()).put("version", t.version())
                .put("scope", t.scope().dbName());
        return times(out, t.createdAt(), t.updatedAt());
    }

    static ObjectNode nodeType(NodeType t) {
        ObjectNode out = object().put("id", t.id()).put("graph_type_id", t.graphTypeId()).put("name", t.name())
                .put("description", t.description()).set("schema", t.schema());
        return times(out, t.createdAt(), t.updatedAt());
    }

    static ObjectNode edgeType(EdgeType t) {
        ObjectNode out = object().put("id", t.id()).put("graph_type_id", t.graphTypeId()).put("name", t.name())
                .put("description", t.description()).set("schema", t.schema());
        strings(out.putArray("sources"), t.allowedSourceTypes());
        strings(out.putArray("targets"), t.allowedTargetTypes());
        return times(out, t.createdAt(), t.updatedAt());
    }

    static ObjectNode graph(Graph g) {
        ObjectNode out = object().put("id", g.id()).put("graph_type_id", g.graphTypeId()).put("name", g.name())
                .put("description", g.description()).put("status", g.status().dbName()).put("owner_id", g.ownerId())
                .put("project_id", g.projectId());
        return times(out, g.createdAt(), g.updatedAt());
    }

    static ObjectNode node(Node n) {
        ObjectNode out = object().put("id", n.id()).put("graph_id", n.graphId()).put("key", n.key())
                .put("type", n.type()).set("attributes", n.attributes());
        return times(out, n.createdAt(), n.updatedAt());
    }

    static ObjectNode edge(Edge e) {
        ObjectNode out = object().put("id", e.id()).put("graph_id", e.graphId()).put("key", e.key())
                .put("type", e.type()).put("source", e.sourceKey()).put("target", e.targetKey())
                .put("undirected", e.undirected()).set("attributes", e.attributes());
        return times(out, e.createdAt(), e.updatedAt());
    }

    static ObjectNode event(StreamEvent e) {
        return object().put("stream", e.stream()).put("position", e.position()).put("type", e.type())
                .put("at", e.at().toString()).set("payload", e.payload());
    }

    /** {@code {"<field>": [...]}}. */
    static <T> ObjectNode list(String field, List<T> items, Function<T, ObjectNode> json) {
        ObjectNode out = object();
        ArrayNode array = out.putArray(field);
        items.forEach(item -> array.add(json.apply(item)));
        return out;
    }

    static ObjectNode object() {
        return FrameCodec.jsonMapper().createObjectNode();
    }

    /** A lower-case wire name back to its enum constant; the input schemas already limited it to the known ones. */
    static <E extends Enum<E>> E enumValue(Class<E> type, String value) {
        return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

    private static ObjectNode times(ObjectNode out, Instant created, Instant updated) {
        return out.put("created_at", created.toString()).put("updated_at", updated.toString());
    }
}
