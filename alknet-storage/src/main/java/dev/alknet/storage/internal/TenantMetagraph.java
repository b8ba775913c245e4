package dev.alknet.storage.internal;

import dev.alknet.storage.Edge;
import dev.alknet.storage.EdgeQuery;
import dev.alknet.storage.EdgeType;
import dev.alknet.storage.Graph;
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
import dev.alknet.storage.TypeScope;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * A tenant's metagraph: its own store's, plus the system database's system-scoped graph types, which it sees as its
 * own and copies in ({@link SystemTypeCopies}) when it creates a graph of one. Graph types it creates are tenant- or
 * user-scoped; the system types (and their copies) gain node and edge types only through the system database.
 */
public final class TenantMetagraph implements Metagraph {

    private final JdbcMetagraph local;
    private final Metagraph system;
    private final SystemTypeCopies copies;

    /**
     * Over a tenant's store, seeing the system-scoped types of the system database; brings the copies the tenant
     * holds up to date first.
     */
    public TenantMetagraph(JdbcStore tenant, Database systemDb, Metagraph system, Clock clock) {
        this.local = tenant.metagraph();
        this.system = Objects.requireNonNull(system, "system");
        this.copies = new SystemTypeCopies(systemDb, tenant, clock);
        copies.refreshAll();
    }

    /** Copies a system-scoped type into the tenant now, or brings the copy up to date. */
    public GraphType adoptSystemType(String graphTypeId) {
        return copies.copy(graphTypeId);
    }

    @Override
    public GraphType createGraphType(String name, String description, GraphRules rules, int version,
            TypeScope scope) {
        if (scope == TypeScope.SYSTEM) {
            throw new StorageException(StorageException.Kind.INVALID, "graph type '" + name + "' is system-scoped: "
                    + "system types live in the system database (StorageService.metagraph()), and tenants use them");
        }
        if (name != null && systemType(system.graphTypeByName(name)).isPresent()) {
            throw new StorageException(StorageException.Kind.ALREADY_EXISTS,
                    "graph type '" + name + "' already exists as a system graph type");
        }
        return local.createGraphType(name, description, rules, version, scope);
    }

    @Override
    public Optional<GraphType> graphType(String id) {
        return local.graphType(id).or(() -> systemType(system.graphType(id)));
    }

    @Override
    public Optional<GraphType> graphTypeByName(String name) {
        return local.graphTypeByName(name).or(() -> systemType(system.graphTypeByName(name)));
    }

    /** The tenant's types and copies, and the system types it has not copied yet, by name. */
    @Override
    public List<GraphType> graphTypes() {
        List<GraphType> all = new ArrayList<>(local.graphTypes());
        Set<String> ids = all.stream().map(GraphType::id).collect(Collectors.toSet());
        system.graphTypes().stream().filter(t -> t.scope() == TypeScope.SYSTEM && !ids.contains(t.id()))
                .forEach(all::add);
        all.sort(Comparator.comparing(GraphType::name).thenComparing(GraphType::id));
        return all;
    }

    @Override
    public NodeType createNodeType(String graphTypeId, String name, String description, JsonNode schema) {
        requireTenantType(graphTypeId);
        return local.createNodeType(graphTypeId, name, description, schema);
    }

    @Override
    public NodeType createNodeType(String graphTypeId, String name, String description, String schemaJson) {
        requireTenantType(graphTypeId);
        return local.createNodeType(graphTypeId, name, description, schemaJson);
    }

    @Override
    public List<NodeType> nodeTypes(String graphTypeId) {
        return owner(graphTypeId).nodeTypes(graphTypeId);
    }

    @Override
    public EdgeType createEdgeType(String graphTypeId, String name, String description, JsonNode schema,
            List<String> allowedSourceTypes, List<String> allowedTargetTypes) {
        requireTenantType(graphTypeId);
        return local.createEdgeType(graphTypeId, name, description, schema, allowedSourceTypes, allowedTargetTypes);
    }

    @Override
    public List<EdgeType> edgeTypes(String graphTypeId) {
        return owner(graphTypeId).edgeTypes(graphTypeId);
    }

    /** Of a system type, first copies it in or brings the copy up to date. */
    @Override
    public Graph createGraph(String graphTypeId, String name, String description, String ownerId, String projectId) {
        Optional<GraphType> mine = local.graphType(graphTypeId);
        if (mine.isEmpty()) {
            copies.copy(graphTypeId);
        } else if (mine.get().scope() == TypeScope.SYSTEM) {
            try {
                copies.copy(graphTypeId);
            } catch (StorageException e) {
                if (e.kind() != StorageException.Kind.NOT_FOUND) {
                    throw e;
                }
            }
        }
        return local.createGraph(graphTypeId, name, description, ownerId, projectId);
    }

    @Override
    public Optional<Graph> graph(String graphId) {
        return local.graph(graphId);
    }

    @Override
    public List<Graph> graphsOwnedBy(String ownerId) {
        return local.graphsOwnedBy(ownerId);
    }

    @Override
    public Graph setStatus(String graphId, GraphStatus status) {
        return local.setStatus(graphId, status);
    }

    @Override
    public boolean deleteGraph(String graphId) {
        return local.deleteGraph(graphId);
    }

    @Override
    public Node addNode(String graphId, NewNode node) {
        return local.addNode(graphId, node);
    }

    @Override
    public Node addNode(String graphId, String type, String key, String attributesJson) {
        return local.addNode(graphId, type, key, attributesJson);
    }

    @Override
    public List<Node> addNodes(String graphId, List<NewNode> nodes) {
        return local.addNodes(graphId, nodes);
    }

    @Override
    public Optional<Node> node(String graphId, String key) {
        return local.node(graphId, key);
    }

    @Override
    public Node updateNode(String graphId, String key, JsonNode attributes) {
        return local.updateNode(graphId, key, attributes);
    }

    @Override
    public boolean deleteNode(String graphId, String key) {
        return local.deleteNode(graphId, key);
    }

    @Override
    public List<Node> nodes(String graphId) {
        return local.nodes(graphId);
    }

    @Override
    public List<Node> nodes(String graphId, String type) {
        return local.nodes(graphId, type);
    }

    @Override
    public Page<Node> nodes(String graphId, NodeQuery query) {
        return local.nodes(graphId, query);
    }

    @Override
    public Edge addEdge(String graphId, NewEdge edge) {
        return local.addEdge(graphId, edge);
    }

    @Override
    public List<Edge> addEdges(String graphId, List<NewEdge> edges) {
        return local.addEdges(graphId, edges);
    }

    @Override
    public Optional<Edge> edge(String graphId, String key) {
        return local.edge(graphId, key);
    }

    @Override
    public Edge updateEdge(String graphId, String edgeId, JsonNode attributes) {
        return local.updateEdge(graphId, edgeId, attributes);
    }

    @Override
    public boolean deleteEdge(String graphId, String edgeId) {
        return local.deleteEdge(graphId, edgeId);
    }

    @Override
    public List<Edge> edges(String graphId) {
        return local.edges(graphId);
    }

    @Override
    public List<Edge> edgesOf(String graphId, String nodeKey) {
        return local.edgesOf(graphId, nodeKey);
    }

    @Override
    public Page<Edge> edges(String graphId, EdgeQuery query) {
        return local.edges(graphId, query);
    }

    /** Where the type is: the tenant's store when it has it (a copy included), the system's for a system type. */
    private Metagraph owner(String graphTypeId) {
        return local.graphType(graphTypeId).isEmpty() && systemType(system.graphType(graphTypeId)).isPresent()
                ? system : local;
    }

    private void requireTenantType(String graphTypeId) {
        if (graphType(graphTypeId).filter(t -> t.scope() == TypeScope.SYSTEM).isPresent()) {
            throw new StorageException(StorageException.Kind.INVALID, "graph type " + graphTypeId
                    + " is a system graph type: its node and edge types are added in the system database");
        }
    }

    private static Optional<GraphType> systemType(Optional<GraphType> t) {
        return t.filter(type -> type.scope() == TypeScope.SYSTEM);
    }
}
