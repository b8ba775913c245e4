package dev.alknet.callproto.internal;

import dev.alknet.callproto.AccessControl;
import dev.alknet.callproto.CallException;
import dev.alknet.callproto.ErrorCode;
import dev.alknet.callproto.OperationSpec;
import dev.alknet.callproto.OperationType;
import dev.alknet.core.frame.FrameCodec;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A spec as a worker sends it in {@code /head/services/register}: the {@code /services/schema} shape plus
 * {@code access_control} in the field names of alknet-spec §2.8.4, so the head can check access before forwarding.
 */
public final class SpecJson {

    private SpecJson() {
    }

    public static ObjectNode toJson(OperationSpec spec) {
        ObjectNode node = FrameCodec.jsonMapper().createObjectNode();
        node.put("name", spec.path());
        node.put("op_type", spec.type().wireName());
        node.set("input_schema", spec.inputSchema());
        node.set("output_schema", spec.outputSchema());
        ObjectNode access = node.putObject("access_control");
        spec.access().requiredScopes().forEach(access.putArray("required_scopes")::add);
        spec.access().anyOfScopes().forEach(access.putArray("required_scopes_any")::add);
        if (spec.access().resourceType() != null) {
            access.put("resource_type", spec.access().resourceType());
        }
        if (spec.access().resourceAction() != null) {
            access.put("resource_action", spec.access().resourceAction());
        }
        return node;
    }

    /**
     * The spec a worker sent, exposed under {@code /{node}}.
     *
     * @throws CallException VALIDATION_ERROR naming what is wrong with it
     */
    public static OperationSpec fromJson(JsonNode node, String nodeName) {
        String name = node.path("name").isString() ? node.get("name").stringValue() : null;
        if (name == null || !name.startsWith("/") || name.split("/", -1).length != 3) {
            throw invalid("operation name " + node.path("name") + " must be a worker path /{service}/{op}");
        }
        try {
            return OperationSpec.builder("/" + nodeName + name, type(node.path("op_type"), name))
                    .inputSchema(node.has("input_schema") ? node.get("input_schema") : OperationSpec.anySchema())
                    .outputSchema(node.has("output_schema") ? node.get("output_schema") : OperationSpec.anySchema())
                    .access(access(node.path("access_control"), name))
                    .build();
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
    }

    private static OperationType type(JsonNode opType, String name) {
        for (OperationType type : OperationType.values()) {
            if (opType.isString() && type.wireName().equals(opType.stringValue())) {
                return type;
            }
        }
        throw invalid("op_type of " + name + " must be query, mutation or subscription");
    }

    private static AccessControl access(JsonNode node, String name) {
        if (node.isMissingNode() || node.isNull()) {
            return AccessControl.none();
        }
        return new AccessControl(strings(node.path("required_scopes"), name),
                strings(node.path("required_scopes_any"), name),
                optionalString(node.path("resource_type"), name), optionalString(node.path("resource_action"), name));
    }

    private static List<String> strings(JsonNode array, String name) {
        List<String> values = new ArrayList<>();
        if (array.isMissingNode() || array.isNull()) {
            return values;
        }
        if (!array.isArray()) {
            throw invalid("access_control scopes of " + name + " must be arrays of strings");
        }
        for (JsonNode value : array) {
            if (!value.isString()) {
                throw invalid("access_control scopes of " + name + " must be arrays of strings");
            }
            values.add(value.stringValue());
        }
        return values;
    }

    private static String optionalString(JsonNode value, String name) {
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw invalid("access_control of " + name + ": resource fields must be strings");
        }
        return value.stringValue();
    }

    private static CallException invalid(String message) {
        return new CallException(ErrorCode.VALIDATION_ERROR, message);
    }
}
