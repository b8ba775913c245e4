package dev.alknet.storage.internal;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaException;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import dev.alknet.storage.AttributeValidationException;
import dev.alknet.storage.AttributeViolation;
import dev.alknet.storage.StorageException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The compiled JSON Schema of a node or edge type. Compiled once per type and shared (networknt schemas are
 * thread-safe once loaded).
 */
final class AttributeSchema {

    /** Violations listed in an exception; a hostile input can make thousands, the first few say enough. */
    static final int MAX_REPORTED = 20;

    /**
     * Draft 2020-12 unless a schema names its own {@code $schema}; locations as JSON pointers; remote {@code $ref}s
     * are never fetched, since types may come from other nodes.
     */
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder
                    .schemaRegistryConfig(SchemaRegistryConfig.builder().pathType(PathType.JSON_POINTER).build())
                    .schemaLoader(loader -> loader.fetchRemoteResources(false)));

    private static final Schema META_SCHEMA = loadMetaSchema();

    private final String typeName;
    private final Schema schema;

    private AttributeSchema(String typeName, Schema schema) {
        this.typeName = typeName;
        this.schema = schema;
    }

    /**
     * Checks {@code schemaNode} against the draft 2020-12 meta-schema, then compiles it.
     *
     * @throws StorageException INVALID naming the failing pointer inside the schema
     */
    static AttributeSchema compile(String typeName, JsonNode schemaNode) {
        if (!schemaNode.isObject() && !schemaNode.isBoolean()) {
            throw new StorageException(StorageException.Kind.INVALID,
                    "schema of " + typeName + " must be a JSON object (or a boolean), got " + schemaNode.getNodeType());
        }
        List<Error> metaErrors = META_SCHEMA.validate(schemaNode);
        if (!metaErrors.isEmpty()) {
            Error first = metaErrors.get(0);
            throw new StorageException(StorageException.Kind.INVALID, "schema of " + typeName
                    + " is not a valid JSON Schema at " + where(pointer(first)) + ": " + first.getMessage());
        }
        try {
            Schema schema = SCHEMAS.getSchema(schemaNode);
            schema.initializeValidators();
            return new AttributeSchema(typeName, schema);
        } catch (SchemaException | IllegalArgumentException e) {
            throw new StorageException(StorageException.Kind.INVALID,
                    "schema of " + typeName + " cannot be used: " + e.getMessage(), e);
        }
    }

    /** @throws AttributeValidationException naming the first failing JSON pointer */
    void check(JsonNode attributes, String what) {
        List<Error> errors;
        try {
            errors = schema.validate(attributes);
        } catch (RuntimeException e) {
            // networknt converts some numbers with Jackson methods that throw (a float beyond the long range checked
            // against an integer "minimum"): the value is refused, not the write crashed.
            throw new StorageException(StorageException.Kind.INVALID, "attributes of " + what + " (type " + typeName
                    + ") cannot be checked against its schema: " + e.getMessage(), e);
        }
        if (errors.isEmpty()) {
            return;
        }
        List<AttributeViolation> violations = new ArrayList<>();
        for (Error e : errors.subList(0, Math.min(errors.size(), MAX_REPORTED))) {
            violations.add(new AttributeViolation(pointer(e), e.getKeyword(), e.getMessage()));
        }
        AttributeViolation first = violations.get(0);
        throw new AttributeValidationException("attributes of " + what + " (type " + typeName + ") are invalid at "
                + where(first.pointer()) + ": " + first.message()
                + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : ""), violations);
    }

    private static String where(String pointer) {
        return pointer.isEmpty() ? "the root" : "'" + pointer + "'";
    }

    private static String pointer(Error error) {
        return error.getInstanceLocation() == null ? "" : error.getInstanceLocation().toString();
    }

    private static Schema loadMetaSchema() {
        Schema meta = SCHEMAS.getSchema(SchemaLocation.of(SpecificationVersion.DRAFT_2020_12.getDialectId()));
        meta.initializeValidators();
        return meta;
    }
}
