package dev.alknet.storage;

import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Access control as a metagraph (spec 2.11): principal and resource nodes; {@code can_read}, {@code can_write},
 * {@code can_execute} edges from principals to resources; {@code belongs_to} edges from a member to a group
 * (organisation or role); {@code delegates} edges from a delegator to a delegate, carrying
 * {@code narrowed_scopes} and {@code narrowable}. The graph type is directed, without parallel edges or self-loops.
 *
 * <p>{@link #checkAccess} decides from the edges as they are at the time of the call, so removing an edge
 * ({@link #revoke}) takes away at once everything that depended on it. The rules, as capabilities
 * {@code (resource, action, scopes)} a principal holds:
 * <ol>
 *   <li>a {@code can_<action>} edge from X to R gives X {@code (R, action, scopes of X)};</li>
 *   <li>a member ({@code belongs_to} G) holds every capability of G, as G holds it;</li>
 *   <li>a delegate E of D ({@code delegates} D → E) holds every capability {@code (R, a, S)} of D as
 *       {@code (R, a, S ∩ narrowed_scopes)}: delegation only narrows;</li>
 *   <li>a capability received through a delegation with {@code narrowable = false} can be used by the delegate (and
 *       its members) but not delegated further.</li>
 * </ol>
 * Access is allowed when the principal holds a capability for the resource and action whose scopes contain every
 * required scope (and one of the "any of" scopes, when given). The check walks backwards from the principal (breadth-first over {@code belongs_to} edges out of
 * it and {@code delegates} edges into it, intersecting scopes on the way, visiting each state once), so cycles end.
 */
public interface AccessGraph {

    /**
     * The principal key of an account. Memberships in {@code organization_members} are mirrored as {@code belongs_to}
     * edges from {@code accountKey(account)} to {@link #organizationKey(String) organizationKey(org)}, in the same
     * transaction as the membership change; missing principals are created without scopes.
     */
    static String accountKey(String accountId) {
        return "account:" + accountId;
    }

    /** The principal key of an organisation (see {@link #accountKey}). */
    static String organizationKey(String orgId) {
        return "org:" + orgId;
    }

    /** The metagraph graph holding the ACL. */
    String graphId();

    /**
     * @param identityId the account, organisation or service id the principal stands for
     * @param scopes the scopes this principal's own grants carry
     */
    Node addPrincipal(String key, PrincipalType type, String identityId, Set<String> scopes);

    /** @param attributes any JSON object describing the resource */
    Node addResource(String key, JsonNode attributes);

    Edge grant(String principalKey, AclAction action, String resourceKey);

    /** Makes {@code memberKey} a member of {@code groupKey}. */
    Edge addMember(String memberKey, String groupKey);

    /**
     * Delegates everything {@code delegatorKey} holds to {@code delegateKey}, narrowed to {@code narrowedScopes}.
     *
     * @param narrowable whether the delegate may pass these capabilities on by delegating them again
     */
    Edge delegate(String delegatorKey, String delegateKey, Set<String> narrowedScopes, boolean narrowable);

    /** Removes any ACL edge by id; false when there was none. */
    boolean revoke(String edgeId);

    /** Whether {@code principalKey} may do {@code action} to {@code resourceKey} with all {@code requiredScopes}. */
    default boolean checkAccess(String principalKey, String resourceKey, AclAction action,
            Set<String> requiredScopes) {
        return checkAccess(principalKey, resourceKey, action, requiredScopes, Set.of());
    }

    /**
     * As {@link #checkAccess(String, String, AclAction, Set)}, and the capability must also carry at least one of
     * {@code anyOfScopes} when that is not empty (the spec's {@code required_scopes} AND / {@code required_scopes_any}
     * OR).
     */
    boolean checkAccess(String principalKey, String resourceKey, AclAction action, Set<String> requiredScopes,
            Set<String> anyOfScopes);
}
