package dev.alknet.storage;

import java.util.List;

/** Attributes that do not match their node or edge type's JSON Schema; nothing was written. */
public final class AttributeValidationException extends StorageException {

    private static final long serialVersionUID = 1L;

    private final transient List<AttributeViolation> violations;

    public AttributeValidationException(String message, List<AttributeViolation> violations) {
        super(Kind.INVALID, message);
        this.violations = List.copyOf(violations);
    }

    /** At least one; the first is the one the message names. */
    public List<AttributeViolation> violations() {
        return violations;
    }

    /** The JSON pointer of the first failing value. */
    public String pointer() {
        return violations.get(0).pointer();
    }
}
