package dev.alknet.storage;

import static dev.alknet.storage.MetagraphContract.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ACL graph's rules by example, identical on every dialect. */
abstract class AccessGraphContract {

    StorageConfig config;
    StorageService storage;
    AccessGraph acl;

    abstract StorageBackend backend();

    @BeforeEach
    void open() {
        config = backend().freshDatabase();
        storage = StorageService.open(config);
        acl = storage.acl();
        acl.addPrincipal("alice", PrincipalType.ACCOUNT, "a-1", Set.of("read", "admin"));
        acl.addPrincipal("bob", PrincipalType.ACCOUNT, "a-2", Set.of("read"));
        acl.addPrincipal("carol", PrincipalType.ACCOUNT, "a-3", Set.of());
        acl.addPrincipal("ops", PrincipalType.ORG, "o-1", Set.of("read", "deploy"));
        acl.addResource("gitea", json("{\"kind\": \"service\"}"));
        acl.addResource("registry", json("{}"));
    }

    @AfterEach
    void close() {
        storage.close();
    }

    @Test
    void aGrantAllowsItsActionWithThePrincipalsScopes() {
        acl.grant("alice", AclAction.READ, "gitea");
        assertThat(acl.checkAccess("alice", "gitea", AclAction.READ, Set.of())).isTrue();
        assertThat(acl.checkAccess("alice", "gitea", AclAction.READ, Set.of("read", "admin"))).isTrue();
        assertThat(acl.checkAccess("alice", "gitea", AclAction.READ, Set.of("deploy"))).isFalse();
        assertThat(acl.checkAccess("alice", "gitea", AclAction.WRITE, Set.of())).isFalse();
        assertThat(acl.checkAccess("alice", "registry", AclAction.READ, Set.of())).isFalse();
        assertThat(acl.checkAccess("bob", "gitea", AclAction.READ, Set.of())).isFalse();
        assertThat(acl.checkAccess("nobody", "gitea", AclAction.READ, Set.of())).isFalse();
    }

    @Test
    void anyOfScopesNeedOneMatch() {
        acl.grant("alice", AclAction.READ, "gitea");
        assertThat(acl.checkAccess("alice", "gitea", AclAction.READ, Set.of(), Set.of("deploy", "admin"))).isTrue();
        assertThat(acl.checkAccess("alice", "gitea", AclAction.READ, Set.of(), Set.of("deploy"))).isFalse();
        assertThat(acl.checkAccess("alice", "gitea", AclAction.READ, Set.of("read"), Set.of("admin"))).isTrue();
        assertThat(acl.checkAccess("alice", "gitea", AclAction.READ, Set.of("deploy"), Set.of("admin"))).isFalse();
        acl.delegate("alice", "bob", Set.of("read"), true);
        assertThat(acl.checkAccess("bob", "gitea", AclAction.READ, Set.of(), Set.of("admin"))).as("narrowed away")
                .isFalse();
    }

    @Test
    void membersHoldWhatTheirGroupHoldsUntilTheMembershipIsRevoked() {
        acl.grant("ops", AclAction.EXECUTE, "registry");
        Edge member = acl.addMember("carol", "ops");
        assertThat(acl.checkAccess("carol", "registry", AclAction.EXECUTE, Set.of("deploy"))).isTrue();
        assertThat(acl.revoke(member.id())).isTrue();
        assertThat(acl.checkAccess("carol", "registry", AclAction.EXECUTE, Set.of())).isFalse();
    }

    @Test
    void delegationOnlyNarrows() {
        acl.grant("alice", AclAction.WRITE, "gitea");
        acl.delegate("alice", "bob", Set.of("read", "deploy"), true);
        assertThat(acl.checkAccess("bob", "gitea", AclAction.WRITE, Set.of("read"))).isTrue();
        assertThat(acl.checkAccess("bob", "gitea", AclAction.WRITE, Set.of("admin"))).isFalse();
        assertThat(acl.checkAccess("bob", "gitea", AclAction.WRITE, Set.of("deploy"))).as("alice lacks deploy")
                .isFalse();
    }

    @Test
    void aNonNarrowableDelegationIsNotPassedOn() {
        acl.grant("alice", AclAction.READ, "gitea");
        acl.delegate("alice", "bob", Set.of("read"), false);
        Edge onward = acl.delegate("bob", "carol", Set.of("read"), true);
        assertThat(acl.checkAccess("bob", "gitea", AclAction.READ, Set.of("read"))).isTrue();
        assertThat(acl.checkAccess("carol", "gitea", AclAction.READ, Set.of())).isFalse();
        acl.revoke(onward.id());
        acl.grant("bob", AclAction.READ, "registry");
        acl.delegate("bob", "carol", Set.of("read"), true);
        assertThat(acl.checkAccess("carol", "registry", AclAction.READ, Set.of("read"))).as("bob's own grant")
                .isTrue();
        assertThat(acl.checkAccess("carol", "gitea", AclAction.READ, Set.of())).isFalse();
    }

    @Test
    void cyclesEnd() {
        acl.addMember("alice", "ops");
        acl.delegate("ops", "alice", Set.of("read"), true);
        acl.delegate("alice", "ops", Set.of("read"), true);
        assertThat(acl.checkAccess("alice", "gitea", AclAction.READ, Set.of())).isFalse();
        acl.grant("ops", AclAction.READ, "gitea");
        assertThat(acl.checkAccess("alice", "gitea", AclAction.READ, Set.of("read"))).isTrue();
    }

    @Test
    void theAclGraphIsFoundAgainAfterARestart() {
        String id = acl.graphId();
        acl.grant("alice", AclAction.READ, "gitea");
        storage.close();
        storage = StorageService.open(config);
        assertThat(storage.acl().graphId()).isEqualTo(id);
        assertThat(storage.acl().checkAccess("alice", "gitea", AclAction.READ, Set.of())).isTrue();
    }

    @Test
    void aclEdgesFollowTheGraphRules() {
        MetagraphContract.assertKind(() -> acl.grant("gitea", AclAction.READ, "alice"), StorageException.Kind.INVALID);
        MetagraphContract.assertKind(() -> acl.addMember("alice", "alice"), StorageException.Kind.INVALID)
                .hasMessageContaining("self-loops");
        acl.grant("alice", AclAction.READ, "gitea");
        MetagraphContract.assertKind(() -> acl.grant("alice", AclAction.READ, "gitea"), StorageException.Kind.INVALID)
                .hasMessageContaining("parallel");
    }
}
