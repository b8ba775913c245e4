package dev.alknet.storage;

import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Typed graphs: {@link GraphType} → {@link NodeType}/{@link EdgeType} → {@link Graph} → {@link Node} →
 * {@link Edge}.
 *
 * <p>Every write is one transaction and is checked before anything is written: names and keys
 * ({@code 1..255} characters, no control characters, no surrounding white space), attributes against their type's
 * JSON Schema (an {@link AttributeValidationException} names the failing JSON pointer), and the graph type's
 * {@link GraphRules} (self-loops, parallel edges of one edge type, the endpoint types an edge type allows, edge
 * direction). A rejected write throws a {@link StorageException} and leaves the database as it was. Node and edge
 * writes to one graph are serialized, so the rules also hold between concurrent writers.
 *
 * <p>Node and edge types are immutable once created; types are looked up by name within the graph's type.
 */
public interface Metagraph {

    /** A graph type of version 1. */
    default GraphType createGraphType(String name, String description, GraphRules rules, TypeScope scope) {
        return createGraphType(name, description, rules, 1, scope);
    }

    /** @throws StorageException ALREADY_EXISTS when the name is taken */
    GraphType createGraphType(String name, String description, GraphRules rules, int version, TypeScope scope);

    Optional<GraphType> graphType(String id);

    Optional<GraphType> graphTypeByName(String name);

    List<GraphType> graphTypes();

    /**
     * @param schema a JSON Schema (draft 2020-12 unless it says otherwise) for the attributes of nodes of this type
     * @throws StorageException INVALID when the schema is not a valid JSON Schema, naming where
     */
    NodeType createNodeType(String graphTypeId, String name, String description, JsonNode schema);

    /** As {@link #createNodeType(String, String, String, JsonNode)} with the schema as JSON text. */
    NodeType createNodeType(String graphTypeId, String name, String description, String schemaJson);

    List<NodeType> nodeTypes(String graphTypeId);

    /**
     * @param allowedSourceTypes node type names an edge may start at (empty: any); each must exist in the graph type
     * @param allowedTargetTypes node type names an edge may end at (empty: any)
     */
    EdgeType createEdgeType(String graphTypeId, String name, String description, JsonNode schema,
            List<String> allowedSourceTypes, List<String> allowedTargetTypes);

    List<EdgeType> edgeTypes(String graphTypeId);

    /** A new graph in {@link GraphStatus#DRAFT}; {@code ownerId}, {@code projectId} and description may be null. */
    Graph createGraph(String graphTypeId, String name, String description, String ownerId, String projectId);

    Optional<Graph> graph(String graphId);

    List<Graph> graphsOwnedBy(String ownerId);

    Graph setStatus(String graphId, GraphStatus status);

    /** Deletes the graph with its nodes and edges; false when there was no such graph. */
    boolean deleteGraph(String graphId);

    /** @throws AttributeValidationException when the attributes do not match the node type's schema */
    Node addNode(String graphId, NewNode node);

    /** As {@link #addNode(String, NewNode)} with the attributes as JSON text (must be an object). */
    Node addNode(String graphId, String type, String key, String attributesJson);

    /** Adds all nodes in one transaction: all of them, or none when any is rejected. */
    List<Node> addNodes(String graphId, List<NewNode> nodes);

    Optional<Node> node(String graphId, String key);

    /** Replaces a node's attributes, validated against its type. */
    Node updateNode(String graphId, String key, JsonNode attributes);

    /** Deletes a node and every edge that touches it; false when there was no such node. */
    boolean deleteNode(String graphId, String key);

    /** The nodes of a graph in key order. */
    List<Node> nodes(String graphId);

    List<Node> nodes(String graphId, String type);

    /**
     * One page of a graph's nodes in key order: a keyset query on the graph's key index, so each page costs the same
     * however far in it starts.
     *
     * @throws StorageException INVALID naming the field ({@code type}, {@code after}) that cannot be a name or key
     */
    Page<Node> nodes(String graphId, NodeQuery query);

    /** @throws StorageException INVALID naming the rule the edge breaks */
    Edge addEdge(String graphId, NewEdge edge);

    /**
     * Adds all edges in one transaction, each checked against the rules and the edges before it: all of them, or
     * none when any is rejected.
     */
    List<Edge> addEdges(String graphId, List<NewEdge> edges);

    Optional<Edge> edge(String graphId, String key);

    Edge updateEdge(String graphId, String edgeId, JsonNode attributes);

    boolean deleteEdge(String graphId, String edgeId);

    List<Edge> edges(String graphId);

    /** Edges that start or end at {@code nodeKey}. */
    List<Edge> edgesOf(String graphId, String nodeKey);

    /**
     * One page of a graph's edges in id order: a keyset query on the graph's edge ids; with {@code source} or
     * {@code target} it reads only the edges of that node (through the endpoint indexes) and orders those.
     *
     * @throws StorageException INVALID naming the field ({@code type}, {@code source}, {@code target},
     *     {@code after}) that cannot be a name or key
     */
    Page<Edge> edges(String graphId, EdgeQuery query);
}
