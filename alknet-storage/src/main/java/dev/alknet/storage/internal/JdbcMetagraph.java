package dev.alknet.storage.internal;

import static dev.alknet.storage.internal.MetagraphRows.EDGE;
import static dev.alknet.storage.internal.MetagraphRows.EDGE_TYPE;
import static dev.alknet.storage.internal.MetagraphRows.GRAPH;
import static dev.alknet.storage.internal.MetagraphRows.GRAPH_TYPE;
import static dev.alknet.storage.internal.MetagraphRows.NODE;
import static dev.alknet.storage.internal.MetagraphRows.NODE_TYPE;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.alknet.storage.Dialect;
import dev.alknet.storage.Edge;
import dev.alknet.storage.EdgeQuery;
import dev.alknet.storage.EdgeType;
import dev.alknet.storage.Graph;
import dev.alknet.storage.GraphKind;
import dev.alknet.storage.GraphRules;
import dev.alknet.storage.GraphStatus;
import dev.alknet.storage.GraphType;
import dev.alknet.storage.Metagraph;
import dev.alknet.storage.NewEdge;
import dev.alknet.storage.NewNode;
import dev.alknet.storage.Node;
import dev.alknet.storage.NodeQuery;
import dev.alknet.storage.NodeType;
import dev.alknet.storage.Page;
import dev.alknet.storage.StorageException;
import dev.alknet.storage.Streams;
import dev.alknet.storage.TypeScope;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** {@link Metagraph} over a {@link Database}; see the interface for the rules it enforces. */
public final class JdbcMetagraph implements Metagraph {

    /** A node or edge type as a write needs it. */
    private record TypeRef(String id, String name, String schema, List<String> sources, List<String> targets) {
    }

    /** A graph locked for writing, with its type's rules. */
    private record Target(Graph graph, GraphRules rules) {
    }

    private final Database db;
    private final Outbox outbox;
    private final Clock clock;
    private final String lockGraph;
    /**
     * Orders keys and ids by code point on both databases, as SQLite's BINARY collation does: PostgreSQL's default
     * collation follows the locale, which would also make a page's order depend on the server.
     */
    private final String byCodePoint;
    /** Keys per existence query of a batch: well under both databases' limits on bound parameters. */
    private static final int KEY_CHUNK = 500;

    /** Compiled schemas by type id; types are immutable, so entries never go stale. */
    private final Cache<String, AttributeSchema> schemas = Caffeine.newBuilder().maximumSize(10_000).build();

    public JdbcMetagraph(Database db, Outbox outbox, Clock clock) {
        this.db = Objects.requireNonNull(db, "db");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.clock = Objects.requireNonNull(clock, "clock");
        // Serializes the writes to one graph so that rule checks (parallel edges...) see every earlier write.
        // SQLite needs nothing: it has a single writer.
        this.lockGraph = "SELECT " + GRAPH + " FROM graphs WHERE id = ?"
                + (db.dialect() == Dialect.POSTGRESQL ? " FOR UPDATE" : "");
        this.byCodePoint = db.dialect() == Dialect.POSTGRESQL ? " COLLATE \"C\"" : "";
    }

    @Override
    public GraphType createGraphType(String name, String description, GraphRules rules, int version,
            TypeScope scope) {
        Text.checkName(name, "graph type name");
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(scope, "scope");
        if (version < 1) {
            throw invalid("graph type version must be at least 1, got " + version);
        }
        String id = newId();
        long now = now();
        return outbox.write(c -> {
            if (Sql.exists(c, "SELECT 1 FROM graph_types WHERE name = ?", name)) {
                throw exists("graph type '" + name + "' already exists");
            }
            Sql.update(c, "INSERT INTO graph_types (id, name, description, config, version, scope, created_at, "
                    + "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", id, name, description,
                    MetagraphRows.config(rules), version, scope.dbName(), now, now);
            GraphType created = Sql.one(c, "SELECT " + GRAPH_TYPE + " FROM graph_types WHERE id = ?",
                    MetagraphRows::graphType, id).orElseThrow();
            publish(c, Streams.GRAPHS, "graph_type.created", created, now);
            return created;
        });
    }

    @Override
    public Optional<GraphType> graphType(String id) {
        return db.read(c -> Sql.one(c, "SELECT " + GRAPH_TYPE + " FROM graph_types WHERE id = ?",
                MetagraphRows::graphType, id));
    }

    @Override
    public Optional<GraphType> graphTypeByName(String name) {
        return db.read(c -> Sql.one(c, "SELECT " + GRAPH_TYPE + " FROM graph_types WHERE name = ?",
                MetagraphRows::graphType, name));
    }

    @Override
    public List<GraphType> graphTypes() {
        return db.read(c -> Sql.list(c, "SELECT " + GRAPH_TYPE + " FROM graph_types ORDER BY name",
                MetagraphRows::graphType));
    }

    @Override
    public NodeType createNodeType(String graphTypeId, String name, String description, JsonNode schema) {
        Text.checkName(name, "node type name");
        String schemaText = compileSchema("node type '" + name + "'", schema);
        String id = newId();
        long now = now();
        return outbox.write(c -> {
            requireTypeSlot(c, "node_types", graphTypeId, "node type", name);
            Sql.update(c, "INSERT INTO node_types (id, graph_type_id, name, description, schema, created_at, "
                    + "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)", id, graphTypeId, name, description, schemaText, now,
                    now);
            NodeType created = Sql.one(c, "SELECT " + NODE_TYPE + " FROM node_types WHERE id = ?",
                    MetagraphRows::nodeType, id).orElseThrow();
            publish(c, Streams.GRAPHS, "node_type.created", created, now);
            return created;
        });
    }

    @Override
    public NodeType createNodeType(String graphTypeId, String name, String description, String schemaJson) {
        return createNodeType(graphTypeId, name, description, Json.parse(schemaJson, "schema of node type " + name));
    }

    @Override
    public List<NodeType> nodeTypes(String graphTypeId) {
        return db.read(c -> Sql.list(c, "SELECT " + NODE_TYPE + " FROM node_types WHERE graph_type_id = ? ORDER BY "
                + "name", MetagraphRows::nodeType, graphTypeId));
    }

    @Override
    public EdgeType createEdgeType(String graphTypeId, String name, String description, JsonNode schema,
            List<String> allowedSourceTypes, List<String> allowedTargetTypes) {
        Text.checkName(name, "edge type name");
        String schemaText = compileSchema("edge type '" + name + "'", schema);
        List<String> sources = List.copyOf(allowedSourceTypes);
        List<String> targets = List.copyOf(allowedTargetTypes);
        String id = newId();
        long now = now();
        return outbox.write(c -> {
            requireTypeSlot(c, "edge_types", graphTypeId, "edge type", name);
            Set<String> known = new HashSet<>(Sql.list(c, "SELECT name FROM node_types WHERE graph_type_id = ?",
                    rs -> rs.getString(1), graphTypeId));
            for (String t : concat(sources, targets)) {
                if (!known.contains(t)) {
                    throw invalid("edge type '" + name + "' allows node type '" + t
                            + "', which the graph type does not have; create the node type first");
                }
            }
            Sql.update(c, "INSERT INTO edge_types (id, graph_type_id, name, description, schema, allowed_source_types, "
                    + "allowed_target_types, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", id,
                    graphTypeId, name, description, schemaText, Json.writeList(sources), Json.writeList(targets), now,
                    now);
            EdgeType created = Sql.one(c, "SELECT " + EDGE_TYPE + " FROM edge_types WHERE id = ?",
                    MetagraphRows::edgeType, id).orElseThrow();
            publish(c, Streams.GRAPHS, "edge_type.created", created, now);
            return created;
        });
    }

    @Override
    public List<EdgeType> edgeTypes(String graphTypeId) {
        return db.read(c -> Sql.list(c, "SELECT " + EDGE_TYPE + " FROM edge_types WHERE graph_type_id = ? ORDER BY "
                + "name", MetagraphRows::edgeType, graphTypeId));
    }

    @Override
    public Graph createGraph(String graphTypeId, String name, String description, String ownerId, String projectId) {
        Text.checkName(name, "graph name");
        String id = newId();
        long now = now();
        return outbox.write(c -> {
            if (!Sql.exists(c, "SELECT 1 FROM graph_types WHERE id = ?", graphTypeId)) {
                throw notFound("graph type " + graphTypeId + " does not exist");
            }
            Sql.update(c, "INSERT INTO graphs (id, graph_type_id, name, description, status, owner_id, project_id, "
                    + "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", id, graphTypeId, name, description,
                    GraphStatus.DRAFT.dbName(), ownerId, projectId, now, now);
            Graph created = loadGraph(c, id);
            publish(c, Streams.GRAPHS, "graph.created", created, now);
            return created;
        });
    }

    @Override
    public Optional<Graph> graph(String graphId) {
        return db.read(c -> Sql.one(c, "SELECT " + GRAPH + " FROM graphs WHERE id = ?", MetagraphRows::graph,
                graphId));
    }

    @Override
    public List<Graph> graphsOwnedBy(String ownerId) {
        return db.read(c -> Sql.list(c, "SELECT " + GRAPH + " FROM graphs WHERE owner_id = ? ORDER BY created_at, id",
                MetagraphRows::graph, ownerId));
    }

    @Override
    public Graph setStatus(String graphId, GraphStatus status) {
        Objects.requireNonNull(status, "status");
        long now = now();
        return outbox.write(c -> {
            if (Sql.update(c, "UPDATE graphs SET status = ?, updated_at = ? WHERE id = ?", status.dbName(), now,
                    graphId) == 0) {
                throw notFound("graph " + graphId + " does not exist");
            }
            Graph changed = loadGraph(c, graphId);
            publish(c, Streams.GRAPHS, "graph.status_changed", changed, now);
            return changed;
        });
    }

    @Override
    public boolean deleteGraph(String graphId) {
        long now = now();
        return outbox.write(c -> {
            boolean deleted = Sql.update(c, "DELETE FROM graphs WHERE id = ?", graphId) > 0;
            if (deleted) {
                publish(c, Streams.GRAPHS, "graph.deleted", Json.MAPPER.createObjectNode().put("id", graphId), now);
            }
            return deleted;
        });
    }

    @Override
    public Node addNode(String graphId, NewNode node) {
        return addNodes(graphId, List.of(node)).get(0);
    }

    @Override
    public Node addNode(String graphId, String type, String key, String attributesJson) {
        return addNode(graphId, new NewNode(type, key, Json.parse(attributesJson, "attributes of node " + key)));
    }

    @Override
    public List<Node> addNodes(String graphId, List<NewNode> nodes) {
        List<NewNode> batch = List.copyOf(nodes);
        List<String> texts = nodeTexts(batch);
        long now = now();
        try {
            return outbox.write(c -> insertNodes(c, graphId, batch, texts, now));
        } catch (KeyTaken e) {
            // The failed transaction is gone (on PostgreSQL it cannot run another query), so name the key after it.
            Optional<String> taken = db.read(c -> firstExistingKey(c, graphId, batch));
            throw taken.<StorageException>map(k -> exists("node '" + k + "' already exists in graph " + graphId))
                    .orElse(e);
        }
    }

    /** As {@link #addNodes(String, List)}, in the caller's transaction (which must be an {@link Outbox#write}). */
    List<Node> addNodes(Connection c, String graphId, List<NewNode> nodes) throws SQLException {
        List<NewNode> batch = List.copyOf(nodes);
        return insertNodes(c, graphId, batch, nodeTexts(batch), now());
    }

    private static List<String> nodeTexts(List<NewNode> batch) {
        List<String> texts = new ArrayList<>(batch.size());
        for (NewNode n : batch) {
            Text.checkName(n.key(), "node key");
            Text.checkName(n.type(), "node type");
            texts.add(attributesText(n.attributes(), "node '" + n.key() + "'"));
        }
        return texts;
    }

    private List<Node> insertNodes(Connection c, String graphId, List<NewNode> batch, List<String> texts, long now)
            throws SQLException {
        Target target = lockWritable(c, graphId);
        Map<String, TypeRef> types = new HashMap<>();
        Set<String> keys = new HashSet<>();
        for (NewNode n : batch) {
            TypeRef type = types.get(n.type());
            if (type == null) {
                type = nodeType(c, target, n.type());
                types.put(n.type(), type);
            }
            schema(type).check(n.attributes(), "node '" + n.key() + "'");
            if (!keys.add(n.key())) {
                throw exists("node '" + n.key() + "' is twice in the batch for graph " + graphId);
            }
        }
        Instant at = Instant.ofEpochSecond(now);
        String timestamp = at.toString();
        List<Node> added = new ArrayList<>(batch.size());
        List<String> payloads = new ArrayList<>(batch.size());
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO nodes (id, graph_id, key, node_type, "
                + "attributes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < batch.size(); i++) {
                NewNode n = batch.get(i);
                String id = newId();
                Sql.bind(insert, id, graphId, n.key(), n.type(), texts.get(i), now, now);
                insert.addBatch();
                Node node = new Node(id, graphId, n.key(), n.type(), n.attributes().deepCopy(), at, at);
                added.add(node);
                payloads.add(NodeEventText.created(node, texts.get(i), timestamp));
            }
            // The unique index decides whether a key is taken: a query before the insert would cost a round trip
            // per batch, and its plan (cached by the server) can fall back to scanning the graph.
            try {
                insert.executeBatch();
            } catch (SQLException e) {
                if (SqlErrors.isUniqueViolation(e)) {
                    throw new KeyTaken("a node key of the batch already exists in graph " + graphId, e);
                }
                throw e;
            }
        }
        outbox.appendTexts(c, Streams.graph(graphId), "node.created", payloads, now);
        return added;
    }

    /** A batch's key was taken: the transaction that found it failed, so it carries no key name. */
    private static final class KeyTaken extends StorageException {
        KeyTaken(String message, SQLException cause) {
            super(Kind.ALREADY_EXISTS, message, cause);
        }
    }

    /** The first key of {@code batch} already used in the graph, looked up in chunks of bound parameters. */
    private static Optional<String> firstExistingKey(Connection c, String graphId, List<NewNode> batch)
            throws SQLException {
        for (int from = 0; from < batch.size(); from += KEY_CHUNK) {
            List<NewNode> chunk = batch.subList(from, Math.min(batch.size(), from + KEY_CHUNK));
            Object[] params = new Object[chunk.size() + 1];
            params[0] = graphId;
            for (int i = 0; i < chunk.size(); i++) {
                params[i + 1] = chunk.get(i).key();
            }
            Optional<String> found = Sql.one(c, "SELECT key FROM nodes WHERE graph_id = ? AND key IN ("
                    + "?, ".repeat(chunk.size() - 1) + "?)", rs -> rs.getString(1), params);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    @Override
    public Optional<Node> node(String graphId, String key) {
        return db.read(c -> findNode(c, graphId, key));
    }

    @Override
    public Node updateNode(String graphId, String key, JsonNode attributes) {
        String text = attributesText(attributes, "node '" + key + "'");
        long now = now();
        return outbox.write(c -> {
            Target target = lockWritable(c, graphId);
            Node node = findNode(c, graphId, key).orElseThrow(() -> notFound("node '" + key + "' does not exist in "
                    + "graph " + graphId));
            schema(nodeType(c, target, node.type())).check(attributes, "node '" + key + "'");
            Sql.update(c, "UPDATE nodes SET attributes = ?, updated_at = ? WHERE id = ?", text, now, node.id());
            Node updated = findNode(c, graphId, key).orElseThrow();
            publish(c, Streams.graph(graphId), "node.updated", updated, now);
            return updated;
        });
    }

    @Override
    public boolean deleteNode(String graphId, String key) {
        long now = now();
        return outbox.write(c -> {
            lockWritable(c, graphId);
            Optional<Node> node = findNode(c, graphId, key);
            if (node.isEmpty()) {
                return false;
            }
            // The foreign keys delete the node's edges with it; their subscribers hear of each.
            for (Edge edge : incident(c, graphId, key)) {
                publish(c, Streams.graph(graphId), "edge.deleted", edge, now);
            }
            Sql.update(c, "DELETE FROM nodes WHERE id = ?", node.get().id());
            publish(c, Streams.graph(graphId), "node.deleted", node.get(), now);
            return true;
        });
    }

    @Override
    public List<Node> nodes(String graphId) {
        return db.read(c -> Sql.list(c, "SELECT " + NODE + " FROM nodes WHERE graph_id = ? ORDER BY key",
                MetagraphRows::node, graphId));
    }

    @Override
    public List<Node> nodes(String graphId, String type) {
        return db.read(c -> Sql.list(c, "SELECT " + NODE + " FROM nodes WHERE graph_id = ? AND node_type = ? "
                + "ORDER BY key", MetagraphRows::node, graphId, type));
    }

    @Override
    public Page<Node> nodes(String graphId, NodeQuery query) {
        Keyset keyset = new Keyset(byCodePoint, "SELECT " + NODE + " FROM nodes WHERE graph_id = ?", graphId);
        if (query.type() != null) {
            keyset.and("node_type = ?", Text.checkName(query.type(), "type"));
        }
        String after = cursor(query.after());
        return db.read(c -> keyset.page(c, "key", after, query.limit(), MetagraphRows::node, Node::key));
    }

    @Override
    public Edge addEdge(String graphId, NewEdge edge) {
        return addEdges(graphId, List.of(edge)).get(0);
    }

    @Override
    public List<Edge> addEdges(String graphId, List<NewEdge> edges) {
        List<NewEdge> batch = List.copyOf(edges);
        List<String> labels = edgeLabels(batch);
        List<String> texts = edgeTexts(batch, labels);
        long now = now();
        return outbox.write(c -> insertEdges(c, graphId, batch, labels, texts, now));
    }

    /** As {@link #addEdges(String, List)}, in the caller's transaction (which must be an {@link Outbox#write}). */
    List<Edge> addEdges(Connection c, String graphId, List<NewEdge> edges) throws SQLException {
        List<NewEdge> batch = List.copyOf(edges);
        List<String> labels = edgeLabels(batch);
        return insertEdges(c, graphId, batch, labels, edgeTexts(batch, labels), now());
    }

    private static List<String> edgeLabels(List<NewEdge> batch) {
        List<String> labels = new ArrayList<>(batch.size());
        for (NewEdge edge : batch) {
            if (edge.key() != null) {
                Text.checkName(edge.key(), "edge key");
            }
            Text.checkName(edge.type(), "edge type");
            Text.checkName(edge.sourceKey(), "source node key");
            Text.checkName(edge.targetKey(), "target node key");
            labels.add("edge " + (edge.key() != null ? "'" + edge.key() + "'" : edge.type()) + " from '"
                    + edge.sourceKey() + "' to '" + edge.targetKey() + "'");
        }
        return labels;
    }

    private static List<String> edgeTexts(List<NewEdge> batch, List<String> labels) {
        List<String> texts = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            texts.add(attributesText(batch.get(i).attributes(), labels.get(i)));
        }
        return texts;
    }

    private List<Edge> insertEdges(Connection c, String graphId, List<NewEdge> batch, List<String> labels,
            List<String> texts, long now) throws SQLException {
        Target target = lockWritable(c, graphId);
        Map<String, TypeRef> types = new HashMap<>();
        List<Edge> added = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            added.add(insertEdge(c, target, types, batch.get(i), labels.get(i), texts.get(i), now));
        }
        return added;
    }

    /** Checks one edge against the rules and the edges written before it, then writes it with its event. */
    private Edge insertEdge(Connection c, Target target, Map<String, TypeRef> types, NewEdge edge, String label,
            String text, long now) throws SQLException {
        String graphId = target.graph().id();
        TypeRef type = types.get(edge.type());
        if (type == null) {
            type = edgeType(c, target, edge.type());
            types.put(edge.type(), type);
        }
        boolean undirected = direction(target.rules().kind(), edge.undirected(), label);
        Node source = findNode(c, graphId, edge.sourceKey()).orElseThrow(
                () -> notFound(label + ": node '" + edge.sourceKey() + "' does not exist"));
        Node dest = findNode(c, graphId, edge.targetKey()).orElseThrow(
                () -> notFound(label + ": node '" + edge.targetKey() + "' does not exist"));
        EdgeRules.check(target.rules(), label, type.sources(), type.targets(), source, dest, undirected,
                parallels(c, graphId, edge));
        schema(type).check(edge.attributes(), label);
        if (edge.key() != null && Sql.exists(c, "SELECT 1 FROM edges WHERE graph_id = ? AND key = ?", graphId,
                edge.key())) {
            throw exists("edge '" + edge.key() + "' already exists in graph " + graphId);
        }
        String id = newId();
        Sql.update(c, "INSERT INTO edges (id, graph_id, key, edge_type, source_node_key, target_node_key, "
                + "attributes, undirected, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", id,
                graphId, edge.key(), edge.type(), edge.sourceKey(), edge.targetKey(), text, undirected, now, now);
        Instant at = Instant.ofEpochSecond(now);
        Edge created = new Edge(id, graphId, edge.key(), edge.type(), edge.sourceKey(), edge.targetKey(),
                edge.attributes().deepCopy(), undirected, at, at);
        publish(c, Streams.graph(graphId), "edge.created", created, now);
        return created;
    }

    @Override
    public Optional<Edge> edge(String graphId, String key) {
        return db.read(c -> Sql.one(c, "SELECT " + EDGE + " FROM edges WHERE graph_id = ? AND key = ?",
                MetagraphRows::edge, graphId, key));
    }

    @Override
    public Edge updateEdge(String graphId, String edgeId, JsonNode attributes) {
        String text = attributesText(attributes, "edge " + edgeId);
        long now = now();
        return outbox.write(c -> {
            Target target = lockWritable(c, graphId);
            Edge edge = findEdge(c, graphId, edgeId).orElseThrow(() -> notFound("edge " + edgeId
                    + " does not exist in graph " + graphId));
            schema(edgeType(c, target, edge.type())).check(attributes, "edge " + edgeId);
            Sql.update(c, "UPDATE edges SET attributes = ?, updated_at = ? WHERE id = ?", text, now, edgeId);
            Edge updated = findEdge(c, graphId, edgeId).orElseThrow();
            publish(c, Streams.graph(graphId), "edge.updated", updated, now);
            return updated;
        });
    }

    @Override
    public boolean deleteEdge(String graphId, String edgeId) {
        return outbox.write(c -> deleteEdge(c, graphId, edgeId));
    }

    /** As {@link #deleteEdge(String, String)}, in the caller's transaction (which must be an {@link Outbox#write}). */
    boolean deleteEdge(Connection c, String graphId, String edgeId) throws SQLException {
        lockWritable(c, graphId);
        Optional<Edge> edge = findEdge(c, graphId, edgeId);
        if (edge.isEmpty()) {
            return false;
        }
        Sql.update(c, "DELETE FROM edges WHERE id = ?", edgeId);
        publish(c, Streams.graph(graphId), "edge.deleted", edge.get(), now());
        return true;
    }

    @Override
    public List<Edge> edges(String graphId) {
        return db.read(c -> Sql.list(c, "SELECT " + EDGE + " FROM edges WHERE graph_id = ? ORDER BY source_node_key, "
                + "target_node_key, id", MetagraphRows::edge, graphId));
    }

    @Override
    public List<Edge> edgesOf(String graphId, String nodeKey) {
        return db.read(c -> incident(c, graphId, nodeKey));
    }

    @Override
    public Page<Edge> edges(String graphId, EdgeQuery query) {
        Keyset keyset = new Keyset(byCodePoint, "SELECT " + EDGE + " FROM edges WHERE graph_id = ?", graphId);
        if (query.type() != null) {
            keyset.and("edge_type = ?", Text.checkName(query.type(), "type"));
        }
        String source = query.source() == null ? null : Text.checkName(query.source(), "source");
        String target = query.target() == null ? null : Text.checkName(query.target(), "target");
        // An undirected edge joins its nodes both ways, so it also matches with its ends swapped.
        if (source != null && target != null) {
            keyset.and("((source_node_key = ? AND target_node_key = ?) OR (undirected = ? AND source_node_key = ? "
                    + "AND target_node_key = ?))", source, target, true, target, source);
        } else if (source != null) {
            keyset.and("(source_node_key = ? OR (undirected = ? AND target_node_key = ?))", source, true, source);
        } else if (target != null) {
            keyset.and("(target_node_key = ? OR (undirected = ? AND source_node_key = ?))", target, true, target);
        }
        String after = cursor(query.after());
        return db.read(c -> keyset.page(c, "id", after, query.limit(), MetagraphRows::edge, Edge::id));
    }

    /** A cursor is a key or id this storage handed out, so anything that cannot be one is a mistake. */
    private static String cursor(String after) {
        return after == null ? null : Text.checkName(after, "after");
    }

    private static List<Edge> incident(Connection c, String graphId, String nodeKey) throws SQLException {
        return Sql.list(c, "SELECT " + EDGE + " FROM edges WHERE graph_id = ? AND (source_node_key = ? "
                + "OR target_node_key = ?) ORDER BY source_node_key, target_node_key, id", MetagraphRows::edge,
                graphId, nodeKey, nodeKey);
    }

    /** Appends the event of a change to its stream, in the change's transaction. */
    private void publish(Connection c, String stream, String type, Object entity, long now) throws SQLException {
        outbox.append(c, stream, type, Json.MAPPER.valueToTree(entity), now);
    }

    // ---- helpers ----

    private static String compileSchema(String what, JsonNode schema) {
        Objects.requireNonNull(schema, "schema");
        String text = Json.write(schema, "schema of " + what);
        AttributeSchema.compile(what, schema);
        return text;
    }

    private static String attributesText(JsonNode attributes, String what) {
        Objects.requireNonNull(attributes, "attributes");
        if (!attributes.isObject()) {
            throw invalid("attributes of " + what + " must be a JSON object, got " + attributes.getNodeType());
        }
        return Json.write(attributes, "attributes of " + what);
    }

    private void requireTypeSlot(Connection c, String table, String graphTypeId, String what, String name)
            throws SQLException {
        if (!Sql.exists(c, "SELECT 1 FROM graph_types WHERE id = ?", graphTypeId)) {
            throw notFound("graph type " + graphTypeId + " does not exist");
        }
        if (Sql.exists(c, "SELECT 1 FROM " + table + " WHERE graph_type_id = ? AND name = ?", graphTypeId, name)) {
            throw exists(what + " '" + name + "' already exists in graph type " + graphTypeId);
        }
    }

    private Target lockWritable(Connection c, String graphId) throws SQLException {
        Graph graph = Sql.one(c, lockGraph, MetagraphRows::graph, graphId)
                .orElseThrow(() -> notFound("graph " + graphId + " does not exist"));
        if (graph.status() == GraphStatus.ARCHIVED) {
            throw invalid("graph " + graphId + " is archived; set it active before writing to it");
        }
        if (graph.graphTypeId() == null) {
            throw invalid("graph " + graphId + " lost its graph type (deleted); it can be read but not written");
        }
        GraphRules rules = Sql.one(c, "SELECT config FROM graph_types WHERE id = ?",
                rs -> MetagraphRows.rules(rs.getString(1)), graph.graphTypeId()).orElseThrow();
        return new Target(graph, rules);
    }

    private static TypeRef nodeType(Connection c, Target target, String name) throws SQLException {
        return Sql.one(c, "SELECT id, schema FROM node_types WHERE graph_type_id = ? AND name = ?",
                rs -> new TypeRef(rs.getString(1), name, rs.getString(2), List.of(), List.of()),
                target.graph().graphTypeId(), name)
                .orElseThrow(() -> invalid("node type '" + name + "' does not exist in the graph's type"));
    }

    private static TypeRef edgeType(Connection c, Target target, String name) throws SQLException {
        return Sql.one(c, "SELECT id, schema, allowed_source_types, allowed_target_types FROM edge_types "
                + "WHERE graph_type_id = ? AND name = ?", rs -> new TypeRef(rs.getString(1), name, rs.getString(2),
                        Json.readList(rs.getString(3)), Json.readList(rs.getString(4))),
                target.graph().graphTypeId(), name)
                .orElseThrow(() -> invalid("edge type '" + name + "' does not exist in the graph's type"));
    }

    private AttributeSchema schema(TypeRef type) {
        return schemas.get(type.id(), id -> AttributeSchema.compile(type.name(), Json.read(type.schema())));
    }

    /** The stored direction of an edge in a graph of {@code kind}. */
    private static boolean direction(GraphKind kind, boolean requestedUndirected, String label) {
        return switch (kind) {
            case UNDIRECTED -> true;
            case MIXED -> requestedUndirected;
            case DIRECTED -> {
                if (requestedUndirected) {
                    throw invalid(label + ": the graph is directed and cannot hold undirected edges");
                }
                yield false;
            }
        };
    }

    /**
     * Existing edges of the same type between the same two nodes, in either direction. Two queries, one per
     * direction, so each uses the (graph, source) index: an OR across both makes SQLite scan every edge of the graph.
     */
    private static List<Edge> parallels(Connection c, String graphId, NewEdge edge) throws SQLException {
        String sql = "SELECT " + EDGE + " FROM edges WHERE graph_id = ? AND source_node_key = ? "
                + "AND target_node_key = ? AND edge_type = ?";
        List<Edge> found = new ArrayList<>(Sql.list(c, sql, MetagraphRows::edge, graphId, edge.sourceKey(),
                edge.targetKey(), edge.type()));
        if (!edge.sourceKey().equals(edge.targetKey())) {
            found.addAll(Sql.list(c, sql, MetagraphRows::edge, graphId, edge.targetKey(), edge.sourceKey(),
                    edge.type()));
        }
        return found;
    }

    private static Optional<Node> findNode(Connection c, String graphId, String key) throws SQLException {
        return Sql.one(c, "SELECT " + NODE + " FROM nodes WHERE graph_id = ? AND key = ?", MetagraphRows::node,
                graphId, key);
    }

    private static Optional<Edge> findEdge(Connection c, String graphId, String id) throws SQLException {
        return Sql.one(c, "SELECT " + EDGE + " FROM edges WHERE graph_id = ? AND id = ?", MetagraphRows::edge,
                graphId, id);
    }

    private static Graph loadGraph(Connection c, String id) throws SQLException {
        return Sql.one(c, "SELECT " + GRAPH + " FROM graphs WHERE id = ?", MetagraphRows::graph, id).orElseThrow();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    Dialect dialect() {
        return db.dialect();
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }

    static String newId() {
        return UUID.randomUUID().toString();
    }

    private static StorageException invalid(String message) {
        return new StorageException(StorageException.Kind.INVALID, message);
    }

    private static StorageException notFound(String message) {
        return new StorageException(StorageException.Kind.NOT_FOUND, message);
    }

    private static StorageException exists(String message) {
        return new StorageException(StorageException.Kind.ALREADY_EXISTS, message);
    }
}
