package dev.alknet.callproto;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alknet.callproto.internal.Dispatcher;
import dev.alknet.callproto.internal.IdentityJson;
import dev.alknet.callproto.internal.SpecJson;
import dev.alknet.core.Identity;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The {@code identity} a head forwards is believed by a worker's session to its head, and by nobody else. */
class ForwardedIdentityTest {

    private static final Identity ROOT = new Identity("root", Set.of("admin"), Map.of("service", Set.of("all")));

    @Test
    void anOrdinarySessionIgnoresAnIdentityInThePayload() {
        OperationRegistry ops = OperationRegistry.create()
                .query("/n/admin/whoami", spec -> spec.access(AccessControl.allOf("admin")),
                        (input, env) -> Nodes.json("{\"id\": \"" + env.identity().id() + "\"}"));
        try (Nodes nodes = Nodes.serving(ops, Identity.of("mallory"))) {
            CallException denied = Failures.callError(nodes.left.engine().call(Dispatcher.newRequestId(),
                    "/n/admin/whoami", Nodes.object(), CallOptions.defaults(), null, ROOT));

            assertThat(denied.code()).isEqualTo(ErrorCode.ACCESS_DENIED);
        }
    }

    @Test
    void identityAndSpecSurviveTheirJsonForms() {
        assertThat(IdentityJson.fromJson(IdentityJson.toJson(ROOT))).contains(ROOT);
        assertThat(IdentityJson.fromJson(Nodes.json("{\"id\": 7}"))).isEmpty();

        OperationSpec spec = OperationSpec.builder("/files/read", OperationType.SUBSCRIPTION)
                .inputSchema(Nodes.json("{\"type\": \"object\"}"))
                .access(new AccessControl(List.of("a"), List.of("b", "c"), "service", "read"))
                .build();
        JsonNode json = SpecJson.toJson(spec);
        OperationSpec exposed = SpecJson.fromJson(json, "w1");

        assertThat(exposed).isEqualTo(new OperationSpec("/w1/files/read", spec.type(), spec.inputSchema(),
                spec.outputSchema(), spec.access()));
    }
}
