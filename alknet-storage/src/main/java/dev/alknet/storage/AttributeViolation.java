package dev.alknet.storage;

/**
 * One reason attributes failed their schema.
 *
 * @param pointer the JSON pointer (RFC 6901) of the failing value, {@code ""} for the attributes object itself
 * @param keyword the JSON Schema keyword that failed, e.g. {@code type} or {@code required}
 */
public record AttributeViolation(String pointer, String keyword, String message) {
}
