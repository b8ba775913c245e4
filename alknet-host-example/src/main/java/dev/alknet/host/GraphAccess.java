package dev.alknet.host;

import dev.alknet.callproto.CallException;
import dev.alknet.callproto.ErrorCode;
import dev.alknet.core.Identity;
import dev.alknet.core.frame.FrameCodec;
import dev.alknet.storage.AccessGraph;
import dev.alknet.storage.AclAction;
import dev.alknet.storage.Edge;
import dev.alknet.storage.Graph;
import dev.alknet.storage.Metagraph;
import dev.alknet.storage.PrincipalType;
import dev.alknet.storage.StorageException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Who may touch which graph through the storage operations, decided by the storage ACL graph
 * (docs/storage.md, "Access rule"):
 *
 * <ul>
 *   <li>a caller is the principal {@code account:<identity id>}, a graph the resource {@code graph:<graph id>};
 *   <li>creating a graph makes the caller its owner and grants the caller {@code can_read} and {@code can_write};
 *   <li>reading a graph needs {@link AclAction#READ} on it, writing it (nodes, edges, status) {@link AclAction#WRITE},
 *       as {@link AccessGraph#checkAccess} decides (so memberships and delegations made in the ACL graph count);
 *   <li>deleting a graph and granting or revoking access to it is for its owner;
 *   <li>the scope {@value #ADMIN} passes every one of these checks.
 * </ul>
 *
 * A graph the caller may not read is refused exactly as one that does not exist, so ids cannot be probed.
 */
final class GraphAccess {

    static final String ADMIN = "admin";
    /**
     * The key alknet-storage gives account principals, so that organisation memberships it mirrors into the ACL apply
     * once callers are storage accounts; a config identity (a key fingerprint) takes the same form.
     */
    private static final String PRINCIPAL = "account:";
    private static final String RESOURCE = "graph:";

    private final Metagraph metagraph;
    private final AccessGraph acl;

    GraphAccess(Metagraph metagraph, AccessGraph acl) {
        this.metagraph = metagraph;
        this.acl = acl;
    }

    /** @return the graph, when {@code caller} may do {@code action} to it */
    Graph require(Identity caller, String graphId, AclAction action) {
        Optional<Graph> graph = metagraph.graph(graphId);
        if (caller.hasScope(ADMIN)) {
            return graph.orElseThrow(() -> new StorageException(StorageException.Kind.NOT_FOUND,
                    "graph '" + graphId + "' does not exist"));
        }
        if (graph.isEmpty() || !acl.checkAccess(principal(caller.id()), RESOURCE + graphId, action, Set.of())) {
            throw denied(caller, graphId, action.name().toLowerCase(Locale.ROOT));
        }
        return graph.get();
    }

    /**
     * Ownership is the graph's {@code owner_id}, not an ACL edge, so an owner who revoked their own grants can still
     * grant them again.
     *
     * @return the graph, when {@code caller} owns it (or is an admin)
     */
    Graph requireOwner(Identity caller, String graphId) {
        if (caller.hasScope(ADMIN)) {
            return require(caller, graphId, AclAction.READ);
        }
        return metagraph.graph(graphId).filter(g -> caller.id().equals(g.ownerId()))
                .orElseThrow(() -> denied(caller, graphId, "own"));
    }

    /** Makes the graph a resource of the ACL and grants its owner read and write. */
    void registerOwned(Graph graph, String ownerId) {
        acl.addResource(RESOURCE + graph.id(), FrameCodec.jsonMapper().createObjectNode()
                .put("kind", "graph").put("graph_id", graph.id()));
        grant(graph.id(), ownerId, AclAction.READ);
        grant(graph.id(), ownerId, AclAction.WRITE);
    }

    boolean isAclGraph(String graphId) {
        return acl.graphId().equals(graphId);
    }

    /** Drops the graph's resource node with every grant on it; nothing when there is none. */
    void forget(String graphId) {
        metagraph.deleteNode(acl.graphId(), RESOURCE + graphId);
    }

    /** @return false when the identity held that grant already */
    boolean grant(String graphId, String identityId, AclAction action) {
        String principal = principal(identityId);
        if (metagraph.node(acl.graphId(), principal).isEmpty()) {
            try {
                acl.addPrincipal(principal, PrincipalType.ACCOUNT, identityId, Set.of());
            } catch (StorageException e) {
                // Another call added the same principal first; the principal is what this one needed.
                if (e.kind() != StorageException.Kind.ALREADY_EXISTS) {
                    throw e;
                }
            }
        }
        if (direct(graphId, principal, action).isPresent()) {
            return false;
        }
        acl.grant(principal, action, RESOURCE + graphId);
        return true;
    }

    /** @return false when the identity held no such grant */
    boolean revoke(String graphId, String identityId, AclAction action) {
        return direct(graphId, principal(identityId), action).map(edge -> acl.revoke(edge.id())).orElse(false);
    }

    private Optional<Edge> direct(String graphId, String principal, AclAction action) {
        if (metagraph.node(acl.graphId(), principal).isEmpty()) {
            return Optional.empty();
        }
        return metagraph.edgesOf(acl.graphId(), principal).stream()
                .filter(e -> e.type().equals(action.edgeType()) && e.sourceKey().equals(principal)
                        && e.targetKey().equals(RESOURCE + graphId))
                .findFirst();
    }

    private static String principal(String identityId) {
        return PRINCIPAL + identityId;
    }

    private static CallException denied(Identity caller, String graphId, String what) {
        return new CallException(ErrorCode.ACCESS_DENIED, "identity " + caller.id() + " may not " + what + " graph '"
                + graphId + "' (or it does not exist)");
    }
}
