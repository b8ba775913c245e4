package dev.alknet.storage.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alknet.storage.Node;
import java.time.Instant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class NodeEventTextProperties {

    /** The hand-built payload is byte for byte what Jackson writes for the node, whatever its strings hold. */
    @Property
    void theTextIsWhatJacksonWritesForTheNode(@ForAll("texts") String id, @ForAll("texts") String key,
            @ForAll("texts") String type, @ForAll("storable") String name, @ForAll long weight,
            @ForAll("seconds") long second) {
        ObjectNode attributes = Json.MAPPER.createObjectNode().put(name, weight).put("name", name + "!");
        attributes.putArray("list").add(1.5e300).add(name).addNull();
        Instant at = Instant.ofEpochSecond(second);
        Node node = new Node(id, "graph-" + id, key, type, attributes, at, at);

        String text = NodeEventText.created(node, Json.write(attributes, "attributes"), at.toString());

        assertThat(text).isEqualTo(Json.MAPPER.writeValueAsString(node));
        JsonNode read = Json.read(text);
        assertThat(read.get("key").stringValue()).isEqualTo(key);
        assertThat(read.get("createdAt").stringValue()).isEqualTo(at.toString());
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(20),
                Arbitraries.strings().withChars("\"\\/\n\t\u0000\u001f\u007f\u2028é😀<>&'").ofMaxLength(12));
    }

    /** Attribute text storage accepts: no U+0000, no unpaired surrogate. */
    @Provide
    Arbitrary<String> storable() {
        return Arbitraries.strings().withChars("\"\\/\n\t\u001f\u007f\u2028é<>&'ab").ofMaxLength(12);
    }

    @Provide
    Arbitrary<Long> seconds() {
        // Storage writes whole seconds; years 1970-9999 print the same through Jackson and Instant.toString().
        return Arbitraries.longs().between(0, 253_402_300_799L);
    }
}
