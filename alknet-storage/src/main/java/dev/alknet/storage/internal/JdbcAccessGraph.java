package dev.alknet.storage.internal;

import dev.alknet.storage.AccessGraph;
import dev.alknet.storage.AclAction;
import dev.alknet.storage.Edge;
import dev.alknet.storage.GraphRules;
import dev.alknet.storage.GraphStatus;
import dev.alknet.storage.GraphType;
import dev.alknet.storage.Metagraph;
import dev.alknet.storage.NewEdge;
import dev.alknet.storage.NewNode;
import dev.alknet.storage.Node;
import dev.alknet.storage.PrincipalType;
import dev.alknet.storage.StreamEvent;
import dev.alknet.storage.Streams;
import dev.alknet.storage.TypeScope;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@link AccessGraph} on the metagraph; see the interface for the rules and the traversal. */
public final class JdbcAccessGraph implements AccessGraph {

    static final String GRAPH_TYPE = "alknet.acl";
    static final String GRAPH = "acl";
    static final String PRINCIPAL = "principal";
    static final String RESOURCE = "resource";
    static final String BELONGS_TO = "belongs_to";
    static final String DELEGATES = "delegates";

    private static final String PRINCIPAL_SCHEMA = """
            {"type": "object", "required": ["identity_type", "identity_id", "scopes"],
             "properties": {"identity_type": {"enum": ["account", "org", "service", "role"]},
                            "identity_id": {"type": "string"},
                            "scopes": {"type": "array", "items": {"type": "string"}, "uniqueItems": true}}}""";
    private static final String EMPTY_SCHEMA = "{\"type\": \"object\", \"maxProperties\": 0}";
    private static final String DELEGATES_SCHEMA = """
            {"type": "object", "required": ["narrowed_scopes", "narrowable"], "additionalProperties": false,
             "properties": {"narrowed_scopes": {"type": "array", "items": {"type": "string"}, "uniqueItems": true},
                            "narrowable": {"type": "boolean"}}}""";

    private final Metagraph mg;
    private final Database db;
    private final String graphId;
    private final AclIndex index = new AclIndex();

    private JdbcAccessGraph(Metagraph mg, Database db, String graphId) {
        this.mg = mg;
        this.db = db;
        this.graphId = graphId;
    }

    /**
     * The ACL graph of this database, created with its types on first use; its membership edges are reconciled with
     * {@code organization_members} (which the identities keep in step from then on).
     */
    public static synchronized JdbcAccessGraph open(JdbcMetagraph mg, Database db, Outbox outbox) {
        GraphType type = mg.graphTypeByName(GRAPH_TYPE).orElseGet(() -> createType(mg));
        String graphId = db.read(c -> Sql.one(c, "SELECT id FROM graphs WHERE graph_type_id = ? AND name = ? "
                + "ORDER BY created_at, id", rs -> rs.getString(1), type.id(), GRAPH))
                .orElseGet(() -> mg.createGraph(type.id(), GRAPH, "access control", null, null).id());
        if (mg.graph(graphId).orElseThrow().status() != GraphStatus.ACTIVE) {
            mg.setStatus(graphId, GraphStatus.ACTIVE);
        }
        outbox.write(c -> {
            AclMembership.reconcile(c, mg, graphId);
            return null;
        });
        return new JdbcAccessGraph(mg, db, graphId);
    }

    private static GraphType createType(Metagraph mg) {
        GraphType t = mg.createGraphType(GRAPH_TYPE, "access control (spec 2.11)", GraphRules.strictDirected(),
                TypeScope.SYSTEM);
        mg.createNodeType(t.id(), PRINCIPAL, null, PRINCIPAL_SCHEMA);
        mg.createNodeType(t.id(), RESOURCE, null, "{\"type\": \"object\"}");
        JsonNode empty = Json.parse(EMPTY_SCHEMA, "schema");
        for (AclAction action : AclAction.values()) {
            mg.createEdgeType(t.id(), action.edgeType(), null, empty, List.of(PRINCIPAL), List.of(RESOURCE));
        }
        mg.createEdgeType(t.id(), BELONGS_TO, null, empty, List.of(PRINCIPAL), List.of(PRINCIPAL));
        mg.createEdgeType(t.id(), DELEGATES, null, Json.parse(DELEGATES_SCHEMA, "schema"), List.of(PRINCIPAL),
                List.of(PRINCIPAL));
        return t;
    }

    @Override
    public String graphId() {
        return graphId;
    }

    @Override
    public Node addPrincipal(String key, PrincipalType type, String identityId, Set<String> scopes) {
        return mg.addNode(graphId, new NewNode(PRINCIPAL, key, principalAttributes(type, identityId, scopes)));
    }

    static ObjectNode principalAttributes(PrincipalType type, String identityId, Set<String> scopes) {
        Objects.requireNonNull(type, "type");
        ObjectNode attrs = Json.MAPPER.createObjectNode().put("identity_type", type.jsonName())
                .put("identity_id", Objects.requireNonNull(identityId, "identityId"));
        var array = attrs.putArray("scopes");
        scopes.forEach(s -> array.add(Text.checkName(s, "scope")));
        return attrs;
    }

    @Override
    public Node addResource(String key, JsonNode attributes) {
        return mg.addNode(graphId, new NewNode(RESOURCE, key, attributes));
    }

    @Override
    public Edge grant(String principalKey, AclAction action, String resourceKey) {
        return mg.addEdge(graphId, NewEdge.of(action.edgeType(), principalKey, resourceKey, empty()));
    }

    @Override
    public Edge addMember(String memberKey, String groupKey) {
        return mg.addEdge(graphId, NewEdge.of(BELONGS_TO, memberKey, groupKey, empty()));
    }

    @Override
    public Edge delegate(String delegatorKey, String delegateKey, Set<String> narrowedScopes, boolean narrowable) {
        ObjectNode attrs = Json.MAPPER.createObjectNode().put("narrowable", narrowable);
        var array = attrs.putArray("narrowed_scopes");
        narrowedScopes.forEach(s -> array.add(Text.checkName(s, "scope")));
        return mg.addEdge(graphId, NewEdge.of(DELEGATES, delegatorKey, delegateKey, attrs));
    }

    @Override
    public boolean revoke(String edgeId) {
        return mg.deleteEdge(graphId, edgeId);
    }

    /**
     * Brings the in-memory index to the stream's head (one indexed query when nothing changed; the new events
     * otherwise), then walks it. Serialized: the index is one mutable structure.
     */
    @Override
    public boolean checkAccess(String principalKey, String resourceKey, AclAction action, Set<String> requiredScopes,
            Set<String> anyOfScopes) {
        Objects.requireNonNull(action, "action");
        Set<String> required = Set.copyOf(requiredScopes);
        Set<String> anyOf = Set.copyOf(anyOfScopes);
        synchronized (index) {
            db.read(c -> catchUp(c));
            return index.allowed(principalKey, resourceKey, action.edgeType(), required, anyOf);
        }
    }

    private Void catchUp(Connection c) throws SQLException {
        String stream = Streams.graph(graphId);
        long head = Sql.one(c, "SELECT head FROM streams WHERE name = ?", rs -> rs.getLong(1), stream).orElse(0L);
        while (index.position() < head) {
            for (StreamEvent e : Outbox.read(c, stream, index.position(), JdbcStreams.MAX_READ)) {
                index.apply(e);
            }
        }
        return null;
    }

    private static ObjectNode empty() {
        return Json.MAPPER.createObjectNode();
    }
}
