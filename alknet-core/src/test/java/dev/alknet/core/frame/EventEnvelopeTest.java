package dev.alknet.core.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.StringNode;

class EventEnvelopeTest {

    @Test
    void javaNullPayloadBecomesJsonNull() {
        EventEnvelope envelope = new EventEnvelope("call.completed", "r1", null);
        assertThat(envelope.payload()).isSameAs(NullNode.getInstance());
        assertThat(envelope).isEqualTo(new EventEnvelope("call.completed", "r1", NullNode.getInstance()));
    }

    @Test
    void typeIsRequiredAndNotEmpty() {
        assertThatThrownBy(() -> new EventEnvelope(null, "", null)).isInstanceOf(NullPointerException.class)
                .hasMessage("type");
        assertThatThrownBy(() -> new EventEnvelope("", "", null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("type must not be empty");
    }

    @Test
    void idIsRequiredButMayBeEmpty() {
        assertThatThrownBy(() -> new EventEnvelope("t", null, null)).isInstanceOf(NullPointerException.class)
                .hasMessage("id");
        assertThat(new EventEnvelope("t", "", StringNode.valueOf("x")).id()).isEmpty();
    }
}
