package dev.alknet.flowgraph;

import static dev.alknet.flowgraph.Json.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class CallEventsTest {

    @Test
    void readsEveryCallEventTypeTakingTheRequestIdFromEitherPlace() {
        assertThat(CallEvents.fromEnvelope(json("{'type':'call.requested','id':'r1','payload':{'requestId':'r1',"
                + "'operationId':'/dev1/fs/read','input':{'path':'/'},'parentRequestId':'r0'}}")))
                .isEqualTo(new CallEvent.Requested("r1", "/dev1/fs/read", json("{'path':'/'}"), "r0", null, false));
        assertThat(CallEvents.fromEnvelope(json("{'type':'call.responded','id':'','payload':{'requestId':'r1',"
                + "'output':{'data':1}}}"))).isEqualTo(new CallEvent.Responded("r1", json("{'data':1}")));
        assertThat(CallEvents.fromEnvelope(json("{'type':'call.completed','id':'r2','payload':null}")))
                .isEqualTo(new CallEvent.Completed("r2"));
        assertThat(CallEvents.fromEnvelope(json("{'type':'call.error','id':'r3','payload':{'code':'TIMEOUT',"
                + "'message':'late','retryable':true}}")))
                .isEqualTo(new CallEvent.Error("r3", new CallErrorInfo("TIMEOUT", "late")));
        assertThat(CallEvents.fromEnvelope(json("{'type':'call.aborted','id':'r4','payload':{}}")))
                .isEqualTo(new CallEvent.Aborted("r4"));
    }

    @Test
    void malformedEnvelopesAreRejectedNamingWhatIsWrong() {
        assertThatThrownBy(() -> CallEvents.fromEnvelope(json("[]")))
                .hasMessage("an event envelope must be a JSON object");
        assertThatThrownBy(() -> CallEvents.fromEnvelope(json("{'type':'call.aborted','id':'','payload':{}}")))
                .hasMessage("call.aborted: no request id (payload.requestId or id)");
        assertThatThrownBy(() -> CallEvents.fromEnvelope(json("{'type':'call.requested','id':'r','payload':{}}")))
                .hasMessage("call.requested r: operationId must be a string");
        assertThatThrownBy(() -> CallEvents.fromEnvelope(json("{'type':'call.error','id':'r','payload':{'code':5}}")))
                .hasMessage("call.error: code must be a string, got NUMBER");
        assertThatThrownBy(() -> CallEvents.fromEnvelope(json("{'type':'call.bogus','id':'r'}")))
                .hasMessage("unknown call event type 'call.bogus'");
    }

    @Provide
    Arbitrary<JsonNode> envelopes() {
        Arbitrary<JsonNode> shaped = Combinators.combine(
                Arbitraries.of("call.requested", "call.responded", "call.completed", "call.error", "call.aborted", "x"),
                Arbitraries.of("", "r1"), Schemas.anyJson(), Schemas.anyJson()).as((type, id, payload, field) -> {
                    ObjectNode envelope = Json.MAPPER.createObjectNode();
                    envelope.put("type", type);
                    envelope.put("id", id);
                    if (payload instanceof ObjectNode object) {
                        object.set("operationId", field);
                        object.set("requestId", field.isString() ? field : envelope.get("id"));
                    }
                    envelope.set("payload", payload);
                    return envelope;
                });
        return Arbitraries.oneOf(shaped, Schemas.anyJson());
    }

    @Property
    void anyJsonIsAnEventOrAClearError(@ForAll("envelopes") JsonNode envelope) {
        Throwable thrown = catchThrowable(() -> assertThat(CallEvents.fromEnvelope(envelope).requestId()).isNotEmpty());
        if (thrown != null) {
            assertThat(thrown).isInstanceOf(IllegalArgumentException.class);
            assertThat(thrown.getMessage()).isNotBlank();
        }
    }
}
