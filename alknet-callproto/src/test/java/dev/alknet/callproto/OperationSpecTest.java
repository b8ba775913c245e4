package dev.alknet.callproto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alknet.callproto.internal.RecordSchemas;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class OperationSpecTest {

    @ParameterizedTest
    @ValueSource(strings = {"/dev1/fs/readFile", "/head/agent/chat", "/browser-1/notify/alert", "/services/list",
        "/fs/readFile", "/n/v1.2/op_x"})
    void validPaths(String path) {
        assertThat(OperationSpec.checkPath(path)).isEqualTo(path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/", "/list", "services/list", "/a/b/c/d", "/a//b", "/a/b/", "/-a/b", "/a/b c",
        "/a/ü/b", "/a/../b"})
    void invalidPaths(String path) {
        assertThatThrownBy(() -> OperationSpec.checkPath(path)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("/{node}/{service}/{op}");
    }

    @Test
    void theNamespaceIsTheServiceSegment() {
        assertThat(OperationSpec.builder("/head/agent/chat", OperationType.QUERY).build().namespace())
                .isEqualTo("agent");
        assertThat(OperationSpec.builder("/auth/verify", OperationType.MUTATION).build().namespace())
                .isEqualTo("auth");
    }

    @Test
    void schemasMustBeSchemas() {
        assertThatThrownBy(() -> OperationSpec.builder("/a/b", OperationType.QUERY)
                .inputSchema(Nodes.number(3)).build()).hasMessageContaining("inputSchema must be a JSON Schema");
    }

    @Test
    void handlersMustMatchTheSpecType() {
        OperationRegistry registry = OperationRegistry.create();
        assertThatThrownBy(() -> registry.register(OperationSpec.builder("/a/b", OperationType.SUBSCRIPTION).build(),
                (CallHandler) (input, env) -> input)).hasMessageContaining("needs a SubscriptionHandler");
        registry.query("/a/b", (input, env) -> input);
        assertThatThrownBy(() -> registry.query("/a/b", (input, env) -> input))
                .hasMessageContaining("already registered");
        assertThatThrownBy(() -> registry.handle("/a/c", (CallHandler) (input, env) -> input))
                .hasMessageContaining("register the spec first");
    }

    @Test
    void recordSchemasNameJsonTypesAndRequirePrimitives() {
        enum Mode { FAST, SAFE }
        record Options(String name, int count, Boolean dryRun, Mode mode, List<String> tags) { }
        assertThat(RecordSchemas.derive(Options.class)).isEqualTo(Nodes.json("""
                {"type": "object",
                 "properties": {
                   "name": {"type": ["string", "null"]},
                   "count": {"type": "integer"},
                   "dryRun": {"type": ["boolean", "null"]},
                   "mode": {"type": ["string", "null"], "enum": ["FAST", "SAFE", null]},
                   "tags": {"type": ["array", "null"]}},
                 "required": ["count"]}"""));
    }
}
