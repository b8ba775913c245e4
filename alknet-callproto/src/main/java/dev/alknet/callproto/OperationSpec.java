package dev.alknet.callproto;

import java.util.Objects;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * What an operation is, separate from the code that runs it: discovery lists specs, access control and input
 * validation read them, and a head can hold specs of operations that run elsewhere.
 *
 * @param path {@code /{node}/{service}/{op}} (e.g. {@code /dev1/fs/readFile}) or {@code /{service}/{op}} for
 *     unprefixed operations (the core {@code /services/list}, or a worker's own view after the head stripped its
 *     prefix); segments are 1-64 of {@code A-Z a-z 0-9 _ . -}, starting with a letter or digit
 * @param type query, mutation or subscription
 * @param inputSchema JSON Schema (draft 2020-12 unless it says otherwise) that inputs are validated against
 * @param outputSchema JSON Schema of outputs (subscription items), for discovery; outputs are not validated
 * @param access who may call it
 */
public record OperationSpec(String path, OperationType type, JsonNode inputSchema, JsonNode outputSchema,
        AccessControl access) {

    private static final Pattern PATH = Pattern.compile("(/[A-Za-z0-9][A-Za-z0-9_.-]{0,63}){2,3}");

    public OperationSpec {
        checkPath(path);
        Objects.requireNonNull(type, "type");
        inputSchema = checkSchema(inputSchema, "inputSchema");
        outputSchema = checkSchema(outputSchema, "outputSchema");
        Objects.requireNonNull(access, "access");
    }

    /** A builder with schemas that accept anything and no access restrictions. */
    public static Builder builder(String path, OperationType type) {
        return new Builder(path, type);
    }

    /**
     * Throws when {@code path} is not a valid operation path.
     *
     * @throws IllegalArgumentException naming the rule that was broken
     */
    public static String checkPath(String path) {
        Objects.requireNonNull(path, "path");
        if (!PATH.matcher(path).matches()) {
            throw new IllegalArgumentException("operation path '" + path + "' must be /{node}/{service}/{op} or"
                    + " /{service}/{op}, segments of 1-64 letters, digits, '_', '.' or '-' starting with a letter"
                    + " or digit");
        }
        return path;
    }

    /**
     * The service segment: the second of three ({@code /head/agent/chat} → {@code agent}), the first of two
     * ({@code /services/list} → {@code services}).
     */
    public String namespace() {
        String[] segments = path.substring(1).split("/");
        return segments.length == 3 ? segments[1] : segments[0];
    }

    /** A schema accepting any JSON value. */
    public static JsonNode anySchema() {
        return JsonNodeFactory.instance.objectNode();
    }

    private static JsonNode checkSchema(JsonNode schema, String what) {
        Objects.requireNonNull(schema, what);
        if (!schema.isObject() && !schema.isBoolean()) {
            throw new IllegalArgumentException(what + " must be a JSON Schema (an object or a boolean), got "
                    + schema.getNodeType());
        }
        return schema.deepCopy();
    }

    /** Mutable builder; {@link #build()} validates. */
    public static final class Builder {
        private final String path;
        private final OperationType type;
        private JsonNode inputSchema = anySchema();
        private JsonNode outputSchema = anySchema();
        private AccessControl access = AccessControl.none();

        private Builder(String path, OperationType type) {
            this.path = path;
            this.type = type;
        }

        public Builder inputSchema(JsonNode schema) {
            this.inputSchema = schema;
            return this;
        }

        public Builder outputSchema(JsonNode schema) {
            this.outputSchema = schema;
            return this;
        }

        public Builder access(AccessControl access) {
            this.access = access;
            return this;
        }

        public OperationSpec build() {
            return new OperationSpec(path, type, inputSchema, outputSchema, access);
        }
    }
}
