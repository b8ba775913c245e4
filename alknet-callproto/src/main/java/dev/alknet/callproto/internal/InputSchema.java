package dev.alknet.callproto.internal;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaException;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import dev.alknet.callproto.CallException;
import dev.alknet.callproto.ErrorCode;
import dev.alknet.core.frame.FrameCodec;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An operation's input schema, compiled once at registration and then shared by every call (networknt schemas are
 * thread-safe once loaded).
 */
public final class InputSchema {

    /** Errors reported in a VALIDATION_ERROR; a hostile input can make thousands, the first few say enough. */
    static final int MAX_REPORTED_ERRORS = 20;

    /**
     * Draft 2020-12 unless a schema names its own {@code $schema}; instance locations as JSON pointers
     * ({@code /items/0/name}) because that is what the TypeScript stack and RFC 6901 tools understand. Remote
     * {@code $ref}s are never fetched: specs may come from other nodes.
     */
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder
                    .schemaRegistryConfig(SchemaRegistryConfig.builder().pathType(PathType.JSON_POINTER).build())
                    .schemaLoader(loader -> loader.fetchRemoteResources(false)));

    private final String operationId;
    private final Schema schema;

    private InputSchema(String operationId, Schema schema) {
        this.operationId = operationId;
        this.schema = schema;
    }

    /**
     * @throws IllegalArgumentException when the schema cannot be compiled
     */
    public static InputSchema compile(String operationId, JsonNode schemaNode) {
        try {
            Schema schema = SCHEMAS.getSchema(schemaNode);
            schema.initializeValidators();
            return new InputSchema(operationId, schema);
        } catch (SchemaException e) {
            throw new IllegalArgumentException("input schema of " + operationId + " is not usable: " + e.getMessage(),
                    e);
        }
    }

    /**
     * @throws CallException {@link ErrorCode#VALIDATION_ERROR} naming the first failing JSON pointer in its message
     *     and listing up to {@value #MAX_REPORTED_ERRORS} errors as {@code details.errors[] = {pointer, keyword,
     *     message}}; also when the validator itself fails on the input
     */
    public void check(JsonNode input) {
        List<Error> errors;
        try {
            errors = schema.validate(input);
        } catch (RuntimeException e) {
            // networknt converts some numbers with Jackson methods that throw (a float beyond the long range checked
            // against an integer "minimum"); escaping here would leave the call without an answer.
            throw new CallException(ErrorCode.VALIDATION_ERROR, "input of " + operationId + " cannot be checked "
                    + "against its schema: " + e.getMessage(), null, false);
        }
        if (errors.isEmpty()) {
            return;
        }
        ObjectNode details = FrameCodec.jsonMapper().createObjectNode();
        ArrayNode list = details.putArray("errors");
        for (Error error : errors.subList(0, Math.min(errors.size(), MAX_REPORTED_ERRORS))) {
            ObjectNode item = list.addObject();
            item.put("pointer", pointer(error));
            item.put("keyword", error.getKeyword());
            item.put("message", error.getMessage());
        }
        Error first = errors.get(0);
        String pointer = pointer(first);
        String where = pointer.isEmpty() ? "its root" : "'" + pointer + "'";
        throw new CallException(ErrorCode.VALIDATION_ERROR, "input of " + operationId + " is invalid at " + where
                + ": " + first.getMessage() + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : ""),
                details, false);
    }

    private static String pointer(Error error) {
        return error.getInstanceLocation() == null ? "" : error.getInstanceLocation().toString();
    }
}
