package dev.alknet.storage;

import static dev.alknet.storage.MetagraphContract.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code organization_members} is authoritative; the ACL's derived {@code belongs_to} edges follow it. */
abstract class AclMembershipContract {

    StorageConfig config;
    StorageService storage;
    Identities ids;
    Account alice;
    Account bob;

    abstract StorageBackend backend();

    @BeforeEach
    void open() {
        config = backend().freshDatabase();
        storage = StorageService.open(config);
        ids = storage.identities();
        alice = ids.createAccount("alice@example.org", null, AccessLevel.USER, Grant.none());
        bob = ids.createAccount("bob@example.org", null, AccessLevel.USER, Grant.none());
    }

    @AfterEach
    void close() {
        storage.close();
    }

    @Test
    void addingChangingAndRemovingAMemberMovesItsAccess() {
        AccessGraph acl = storage.acl();
        Organization ops = ids.createOrganization("Ops", "ops", alice.id(), Grant.none());
        String org = AccessGraph.organizationKey(ops.id());
        String bobKey = AccessGraph.accountKey(bob.id());
        acl.addResource("wiki", json("{}"));
        acl.grant(org, AclAction.READ, "wiki");

        assertThat(acl.checkAccess(AccessGraph.accountKey(alice.id()), "wiki", AclAction.READ, Set.of()))
                .as("the owner is a member").isTrue();
        assertThat(acl.checkAccess(bobKey, "wiki", AclAction.READ, Set.of())).isFalse();
        ids.addMember(ops.id(), bob.id(), MembershipLevel.MEMBER);
        assertThat(acl.checkAccess(bobKey, "wiki", AclAction.READ, Set.of())).isTrue();
        ids.addMember(ops.id(), bob.id(), MembershipLevel.ADMIN);
        assertThat(acl.checkAccess(bobKey, "wiki", AclAction.READ, Set.of())).isTrue();
        assertThat(storage.metagraph().edgesOf(acl.graphId(), bobKey)).hasSize(1);
        assertThat(ids.removeMember(ops.id(), bob.id())).isTrue();
        assertThat(acl.checkAccess(bobKey, "wiki", AclAction.READ, Set.of())).isFalse();
        assertThat(storage.metagraph().edgesOf(acl.graphId(), bobKey)).isEmpty();
    }

    @Test
    void membershipsWrittenBeforeTheAclExistedAreMirroredWhenItOpens() {
        Organization ops = ids.createOrganization("Ops", "ops", alice.id(), Grant.none());
        ids.addMember(ops.id(), bob.id(), MembershipLevel.MEMBER);
        AccessGraph acl = storage.acl();
        assertThat(storage.metagraph().edgesOf(acl.graphId(), AccessGraph.organizationKey(ops.id())))
                .extracting(Edge::sourceKey).containsExactlyInAnyOrder(AccessGraph.accountKey(alice.id()),
                        AccessGraph.accountKey(bob.id()));
        Node principal = storage.metagraph().node(acl.graphId(), AccessGraph.accountKey(bob.id())).orElseThrow();
        assertThat(principal.attributes()).isEqualTo(json("{\"identity_type\": \"account\", \"identity_id\": \""
                + bob.id() + "\", \"scopes\": []}"));
    }

    @Test
    void reopeningRemovesEdgesTheTableNoLongerHas() {
        Organization ops = ids.createOrganization("Ops", "ops", alice.id(), Grant.none());
        AccessGraph acl = storage.acl();
        // A stale edge, as an older version or a hand-made edge might leave behind.
        acl.addPrincipal(AccessGraph.accountKey(bob.id()), PrincipalType.ACCOUNT, bob.id(), Set.of());
        acl.addMember(AccessGraph.accountKey(bob.id()), AccessGraph.organizationKey(ops.id()));
        storage.close();
        storage = StorageService.open(config);
        assertThat(storage.metagraph().edgesOf(storage.acl().graphId(), AccessGraph.accountKey(bob.id()))).isEmpty();
    }

    @Test
    void aMembershipWhoseEdgeCannotBeWrittenIsNotWrittenEither() {
        Organization ops = ids.createOrganization("Ops", "ops", alice.id(), Grant.none());
        AccessGraph acl = storage.acl();
        acl.addResource(AccessGraph.accountKey(bob.id()), json("{}"));   // the key bob's principal would need
        MetagraphContract.assertKind(() -> ids.addMember(ops.id(), bob.id(), MembershipLevel.MEMBER),
                StorageException.Kind.INVALID).hasMessageContaining("is a resource");
        assertThat(ids.memberships(bob.id())).isEmpty();
        assertThat(ids.auditLog(bob.id())).extracting(AuditEntry::action).doesNotContain("member.added");
    }
}
