package dev.alknet.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alknet.callproto.CallException;
import dev.alknet.callproto.ErrorCode;
import dev.alknet.host.StorageOpsFixture.Caller;
import dev.alknet.storage.AccessGraph;
import dev.alknet.storage.AclAction;
import dev.alknet.storage.PrincipalType;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Scopes on every storage operation, and the per-graph rule decided by the storage ACL graph. */
class StorageAccessTest extends StorageGraphTestBase {

    private Caller bob;

    @BeforeEach
    void bobAndANode() {
        bob = fixture.bob();
        addPerson(alice, "a");
    }

    private static void assertDenied(CallException e) {
        assertThat(e.code()).as(e.getMessage()).isEqualTo(ErrorCode.ACCESS_DENIED);
    }

    @Test
    void withoutTheScopeNothingIsReachable() {
        Caller reader = fixture.as("SHA256:reader", StorageOps.READ);
        Caller nobody = fixture.as("SHA256:nobody", "relay:connect");

        assertDenied(reader.fails("createGraph", "{\"graph_type_id\": \"" + typeId + "\", \"name\": \"r\"}"));
        assertDenied(nobody.fails("listGraphTypes", "{}"));
        assertDenied(nobody.fails("getGraph", inGraph("")));
        assertDenied(alice.fails("createGraphType", "{\"name\": \"mine\"}"));
        assertThat(reader.call("listGraphTypes", "{}").get("graph_types")).hasSize(2);
    }

    @Test
    void anotherCallerNeedsAGrantAndLosesItOnRevoke() {
        String getNode = inGraph("\"key\": \"a\"");
        String addNode = inGraph("\"type\": \"person\", \"key\": \"b\", \"attributes\": {\"name\": \"B\"}");
        String grantRead = inGraph("\"identity_id\": \"" + StorageOpsFixture.BOB_ID + "\", \"action\": \"read\"");

        assertDenied(bob.fails("getNode", getNode));
        assertDenied(bob.fails("grantGraph", grantRead));
        assertThat(alice.call("grantGraph", grantRead).get("granted").asBoolean()).isTrue();
        assertThat(alice.call("grantGraph", grantRead).get("granted").asBoolean()).isFalse();

        assertThat(bob.call("getNode", getNode).get("key").stringValue()).isEqualTo("a");
        assertDenied(bob.fails("addNode", addNode));
        assertDenied(bob.fails("deleteGraph", inGraph("")));

        assertThat(alice.call("revokeGraph", grantRead).get("revoked").asBoolean()).isTrue();
        assertDenied(bob.fails("getNode", getNode));
    }

    @Test
    void anOwnerWhoRevokedTheirOwnReadCanGrantItBack() {
        String ownRead = inGraph("\"identity_id\": \"" + StorageOpsFixture.ALICE_ID + "\", \"action\": \"read\"");
        assertThat(alice.call("revokeGraph", ownRead).get("revoked").asBoolean()).isTrue();
        assertDenied(alice.fails("getGraph", inGraph("")));

        assertThat(alice.call("grantGraph", ownRead).get("granted").asBoolean()).isTrue();
        assertThat(alice.call("getGraph", inGraph("")).get("id").stringValue()).isEqualTo(graphId);
    }

    @Test
    void aMissingGraphAndAForbiddenOneLookTheSame() {
        CallException forbidden = bob.fails("getGraph", "{\"graph_id\": \"" + graphId + "\"}");
        CallException missing = bob.fails("getGraph", "{\"graph_id\": \"no-such-graph\"}");

        assertDenied(forbidden);
        assertDenied(missing);
        assertThat(missing.getMessage()).isEqualTo(forbidden.getMessage().replace(graphId, "no-such-graph"));
        CallException adminMissing = fixture.admin().fails("getGraph", "{\"graph_id\": \"no-such-graph\"}");
        assertThat(adminMissing.details().get("storage_error").stringValue()).isEqualTo("not_found");
    }

    @Test
    void anAdminPassesEveryGraphCheckButCannotDeleteTheAclGraph() {
        Caller admin = fixture.admin();

        assertThat(admin.call("getNode", inGraph("\"key\": \"a\"")).get("key").stringValue()).isEqualTo("a");
        assertThat(admin.call("listGraphs", "{\"owner_id\": \"" + StorageOpsFixture.ALICE_ID + "\"}").get("graphs"))
                .hasSize(1);
        assertDenied(bob.fails("listGraphs", "{\"owner_id\": \"" + StorageOpsFixture.ALICE_ID + "\"}"));
        CallException acl = admin.fails("deleteGraph", "{\"graph_id\": \"" + fixture.storage.acl().graphId() + "\"}");
        assertThat(acl.code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
        assertThat(admin.call("deleteGraph", inGraph("")).get("deleted")
                .asBoolean()).isTrue();
        assertThat(fixture.storage.metagraph().node(fixture.storage.acl().graphId(), "graph:" + graphId)).isEmpty();
    }

    @Test
    void aGroupGrantInTheAclGraphReachesItsMembers() {
        AccessGraph acl = fixture.storage.acl();
        acl.addPrincipal("team", PrincipalType.ROLE, "team", Set.of());
        // The principal of a caller is "account:<identity id>" (GraphAccess).
        acl.addPrincipal("account:" + StorageOpsFixture.BOB_ID, PrincipalType.ACCOUNT, StorageOpsFixture.BOB_ID,
                Set.of());
        acl.grant("team", AclAction.WRITE, "graph:" + graphId);
        assertDenied(bob.fails("addNode", inGraph("\"type\": \"person\", \"key\": \"b\", \"attributes\": "
                + "{\"name\": \"B\"}")));

        acl.addMember("account:" + StorageOpsFixture.BOB_ID, "team");

        assertThat(bob.call("addNode", inGraph("\"type\": \"person\", \"key\": \"b\", \"attributes\": "
                + "{\"name\": \"B\"}")).get("key").stringValue()).isEqualTo("b");
    }
}
