package dev.alknet.storage.internal;

import dev.alknet.storage.Edge;
import dev.alknet.storage.EdgeType;
import dev.alknet.storage.Graph;
import dev.alknet.storage.GraphKind;
import dev.alknet.storage.GraphRules;
import dev.alknet.storage.GraphStatus;
import dev.alknet.storage.GraphType;
import dev.alknet.storage.Node;
import dev.alknet.storage.NodeType;
import dev.alknet.storage.TypeScope;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Column lists and row mappers of the metagraph tables. */
final class MetagraphRows {

    static final String GRAPH_TYPE = "id, name, description, config, version, scope, created_at, updated_at";
    static final String NODE_TYPE = "id, graph_type_id, name, description, schema, created_at, updated_at";
    static final String EDGE_TYPE = "id, graph_type_id, name, description, schema, allowed_source_types, "
            + "allowed_target_types, created_at, updated_at";
    static final String GRAPH = "id, graph_type_id, name, description, status, owner_id, project_id, created_at, "
            + "updated_at";
    static final String NODE = "id, graph_id, key, node_type, attributes, created_at, updated_at";
    static final String EDGE = "id, graph_id, key, edge_type, source_node_key, target_node_key, attributes, "
            + "undirected, created_at, updated_at";

    private MetagraphRows() {
    }

    /** The stored {@code config} of a graph type, with the spec's field names. */
    static String config(GraphRules rules) {
        ObjectNode config = Json.MAPPER.createObjectNode();
        config.put("graph_type", rules.kind().jsonName());
        config.put("multi", rules.multi());
        config.put("allow_self_loops", rules.allowSelfLoops());
        return Json.MAPPER.writeValueAsString(config);
    }

    static GraphRules rules(String config) {
        JsonNode c = Json.read(config);
        return new GraphRules(GraphKind.valueOf(c.path("graph_type").asString().toUpperCase(Locale.ROOT)),
                c.path("multi").asBoolean(), c.path("allow_self_loops").asBoolean());
    }

    static GraphType graphType(ResultSet rs) throws SQLException {
        return new GraphType(rs.getString(1), rs.getString(2), rs.getString(3), rules(rs.getString(4)), rs.getInt(5),
                TypeScope.valueOf(rs.getString(6).toUpperCase(Locale.ROOT)), time(rs, 7), time(rs, 8));
    }

    static NodeType nodeType(ResultSet rs) throws SQLException {
        return new NodeType(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                Json.read(rs.getString(5)), time(rs, 6), time(rs, 7));
    }

    static EdgeType edgeType(ResultSet rs) throws SQLException {
        return new EdgeType(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                Json.read(rs.getString(5)), Json.readList(rs.getString(6)), Json.readList(rs.getString(7)),
                time(rs, 8), time(rs, 9));
    }

    static Graph graph(ResultSet rs) throws SQLException {
        return new Graph(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                GraphStatus.valueOf(rs.getString(5).toUpperCase(Locale.ROOT)), rs.getString(6), rs.getString(7),
                time(rs, 8), time(rs, 9));
    }

    static Node node(ResultSet rs) throws SQLException {
        return new Node(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), Json.read(rs.getString(5)),
                time(rs, 6), time(rs, 7));
    }

    static Edge edge(ResultSet rs) throws SQLException {
        return new Edge(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), Json.read(rs.getString(7)), rs.getBoolean(8), time(rs, 9), time(rs, 10));
    }

    static Instant time(ResultSet rs, int column) throws SQLException {
        return Instant.ofEpochSecond(rs.getLong(column));
    }
}
