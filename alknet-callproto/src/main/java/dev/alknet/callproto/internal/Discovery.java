package dev.alknet.callproto.internal;

import dev.alknet.callproto.AccessControl;
import dev.alknet.callproto.CallException;
import dev.alknet.callproto.CallHandler;
import dev.alknet.callproto.ErrorCode;
import dev.alknet.callproto.OperationSpec;
import dev.alknet.callproto.OperationType;
import dev.alknet.core.frame.FrameCodec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The two core operations every registry has (alknet-spec §2.8.5, DESIGN §4.5): {@code /services/list} and
 * {@code /services/schema}. Both are unrestricted queries: they list every registered spec, and access control is
 * enforced when an operation is called, not by hiding it.
 */
public final class Discovery {

    public static final String LIST = "/services/list";
    public static final String SCHEMA = "/services/schema";

    private static final JsonMapper MAPPER = FrameCodec.jsonMapper();

    private Discovery() {
    }

    public static void install(RegistryTable table) {
        table.add(OperationSpec.builder(LIST, OperationType.QUERY)
                .outputSchema(schema("""
                        {"type": "object", "required": ["operations"], "properties": {"operations": {"type": "array",
                         "items": {"type": "object", "required": ["name", "namespace", "op_type"], "properties": {
                          "name": {"type": "string"}, "namespace": {"type": "string"},
                          "op_type": {"enum": ["query", "mutation", "subscription"]}}}}}}"""))
                .access(AccessControl.none())
                .build(), (CallHandler) (input, env) -> list(table));
        table.add(OperationSpec.builder(SCHEMA, OperationType.QUERY)
                .inputSchema(schema("""
                        {"type": "object", "required": ["name"], "properties": {"name": {"type": "string"}}}"""))
                .outputSchema(schema("""
                        {"type": "object", "required": ["name", "namespace", "op_type", "input_schema",
                         "output_schema"]}"""))
                .build(), (CallHandler) (input, env) -> describe(table, input.get("name").stringValue()));
    }

    private static JsonNode list(RegistryTable table) {
        ObjectNode result = MAPPER.createObjectNode();
        var operations = result.putArray("operations");
        for (OperationSpec spec : table.specs()) {
            operations.add(summary(spec));
        }
        return result;
    }

    private static JsonNode describe(RegistryTable table, String name) {
        OperationSpec spec = table.lookup(name).map(RegistryTable.Entry::spec).orElseThrow(
                () -> new CallException(ErrorCode.OPERATION_NOT_FOUND, "operation not found: " + name));
        ObjectNode result = summary(spec);
        result.set("input_schema", spec.inputSchema());
        result.set("output_schema", spec.outputSchema());
        return result;
    }

    private static ObjectNode summary(OperationSpec spec) {
        ObjectNode item = MAPPER.createObjectNode();
        item.put("name", spec.path());
        item.put("namespace", spec.namespace());
        item.put("op_type", spec.type().wireName());
        return item;
    }

    private static JsonNode schema(String json) {
        return MAPPER.readTree(json);
    }
}
