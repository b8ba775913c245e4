package dev.alknet.flowgraph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class SchemaCompatibilityProperties {

    @Provide
    Arbitrary<ObjectNode> schemas() {
        return Schemas.schemas();
    }

    @Provide
    Arbitrary<JsonNode> anyJson() {
        return Schemas.anyJson();
    }

    @Property
    void everySchemaFitsItself(@ForAll("schemas") ObjectNode schema) {
        assertThat(new SchemaCompatibility().check(schema, schema.deepCopy()))
                .isInstanceOf(Compatibility.Compatible.class);
    }

    @Property
    void aSubtypeOfASubtypeIsASubtype(@ForAll("schemas") ObjectNode schema, @ForAll long seed) {
        Random random = new Random(seed);
        ObjectNode sub = Schemas.narrow(schema, random);
        ObjectNode subSub = Schemas.narrow(sub, random);
        SchemaCompatibility schemas = new SchemaCompatibility();
        assertThat(schemas.check(sub, schema)).as("%s fits %s", sub, schema)
                .isInstanceOf(Compatibility.Compatible.class);
        assertThat(schemas.check(subSub, sub)).as("%s fits %s", subSub, sub)
                .isInstanceOf(Compatibility.Compatible.class);
        assertThat(schemas.check(subSub, schema)).as("%s fits %s", subSub, schema)
                .isInstanceOf(Compatibility.Compatible.class);
    }

    @Property
    void anyJsonAsASchemaGivesAVerdictWithAReasonNeverAnException(@ForAll("anyJson") JsonNode output,
            @ForAll("anyJson") JsonNode input) {
        Compatibility verdict = new SchemaCompatibility().check(output, input);
        assertThat(verdict).isNotNull();
        if (verdict instanceof Compatibility.Unknown unknown) {
            assertThat(unknown.reason()).isNotBlank();
        } else if (verdict instanceof Compatibility.Incompatible incompatible) {
            assertThat(incompatible.reason()).isNotBlank();
        }
    }
}
