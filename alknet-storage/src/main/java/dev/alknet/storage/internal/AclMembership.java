package dev.alknet.storage.internal;

import dev.alknet.storage.AccessGraph;
import dev.alknet.storage.Dialect;
import dev.alknet.storage.Edge;
import dev.alknet.storage.NewEdge;
import dev.alknet.storage.NewNode;
import dev.alknet.storage.PrincipalType;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * Keeps the ACL graph's {@code belongs_to} edges from {@code account:<id>} to {@code org:<id>} principals equal to
 * the {@code organization_members} table, which is authoritative (spec 2.11: "write SQL first, then edge"). Every
 * membership change calls it in its own transaction, so table and edges commit together; the ACL's first opening
 * reconciles what was written before the graph existed.
 */
final class AclMembership {

    private static final String MEMBER_EDGES = "SELECT " + MetagraphRows.EDGE + " FROM edges WHERE graph_id = ? "
            + "AND edge_type = '" + JdbcAccessGraph.BELONGS_TO + "' AND source_node_key LIKE 'account:%' "
            + "AND target_node_key LIKE 'org:%'";

    private AclMembership() {
    }

    /** The ACL graph, when it has been created. */
    static Optional<String> aclGraph(Connection c) throws SQLException {
        return Sql.one(c, "SELECT g.id FROM graphs g JOIN graph_types t ON g.graph_type_id = t.id "
                + "WHERE t.name = ? AND g.name = ? ORDER BY g.created_at, g.id", rs -> rs.getString(1),
                JdbcAccessGraph.GRAPH_TYPE, JdbcAccessGraph.GRAPH);
    }

    /** After a member was added or its level changed: the account's principal belongs to the organisation's. */
    static void memberAdded(Connection c, JdbcMetagraph mg, String orgId, String accountId) throws SQLException {
        Optional<String> graph = aclGraph(c);
        if (graph.isPresent() && memberEdges(c, graph.get(), orgId, accountId).isEmpty()) {
            link(c, mg, graph.get(), orgId, accountId);
        }
    }

    /** After a member was removed: no {@code belongs_to} edge is left between the two principals. */
    static void memberRemoved(Connection c, JdbcMetagraph mg, String orgId, String accountId) throws SQLException {
        Optional<String> graph = aclGraph(c);
        if (graph.isPresent()) {
            for (Edge e : memberEdges(c, graph.get(), orgId, accountId)) {
                mg.deleteEdge(c, graph.get(), e.id());
            }
        }
    }

    /** Makes the derived edges of {@code graphId} equal to the table: adds the missing, removes the stale. */
    static void reconcile(Connection c, JdbcMetagraph mg, String graphId) throws SQLException {
        if (mg.dialect() == Dialect.POSTGRESQL) {
            // Waits for membership changes in flight and holds new ones back until this commits, so none is missed:
            // a change committed before this sees no graph yet but is in the table read below.
            Sql.update(c, "LOCK TABLE organization_members IN SHARE MODE");
        }
        List<String[]> rows = Sql.list(c, "SELECT org_id, account_id FROM organization_members ORDER BY org_id, "
                + "account_id", rs -> new String[] {rs.getString(1), rs.getString(2)});
        Set<String> members = new HashSet<>();
        rows.forEach(m -> members.add(pair(m[0], m[1])));
        Set<String> linked = new HashSet<>();
        for (Edge e : Sql.list(c, MEMBER_EDGES, MetagraphRows::edge, graphId)) {
            String pair = e.targetKey() + " " + e.sourceKey();
            if (!members.contains(pair) || !linked.add(pair)) {
                mg.deleteEdge(c, graphId, e.id());
            }
        }
        for (String[] m : rows) {
            if (!linked.contains(pair(m[0], m[1]))) {
                link(c, mg, graphId, m[0], m[1]);
            }
        }
    }

    private static String pair(String orgId, String accountId) {
        return AccessGraph.organizationKey(orgId) + " " + AccessGraph.accountKey(accountId);
    }

    private static List<Edge> memberEdges(Connection c, String graphId, String orgId, String accountId)
            throws SQLException {
        return Sql.list(c, MEMBER_EDGES + " AND source_node_key = ? AND target_node_key = ?", MetagraphRows::edge,
                graphId, AccessGraph.accountKey(accountId), AccessGraph.organizationKey(orgId));
    }

    private static void link(Connection c, JdbcMetagraph mg, String graphId, String orgId, String accountId)
            throws SQLException {
        String member = ensurePrincipal(c, mg, graphId, PrincipalType.ACCOUNT, accountId);
        String group = ensurePrincipal(c, mg, graphId, PrincipalType.ORG, orgId);
        mg.addEdges(c, graphId, List.of(new NewEdge(JdbcAccessGraph.BELONGS_TO, "member:" + orgId + ":" + accountId,
                member, group, Json.MAPPER.createObjectNode(), false)));
    }

    /** The principal of an account or organisation, created without scopes when missing. */
    private static String ensurePrincipal(Connection c, JdbcMetagraph mg, String graphId, PrincipalType type,
            String identityId) throws SQLException {
        String key = type == PrincipalType.ACCOUNT ? AccessGraph.accountKey(identityId)
                : AccessGraph.organizationKey(identityId);
        if (!Sql.exists(c, "SELECT 1 FROM nodes WHERE graph_id = ? AND key = ?", graphId, key)) {
            ObjectNode attrs = JdbcAccessGraph.principalAttributes(type, identityId, Set.of());
            mg.addNodes(c, graphId, List.of(new NewNode(JdbcAccessGraph.PRINCIPAL, key, attrs)));
        }
        return key;
    }
}
