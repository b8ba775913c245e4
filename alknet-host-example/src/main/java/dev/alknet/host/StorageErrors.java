package dev.alknet.host;

import dev.alknet.callproto.CallException;
import dev.alknet.callproto.ErrorCode;
import dev.alknet.core.frame.FrameCodec;
import dev.alknet.storage.AttributeValidationException;
import dev.alknet.storage.AttributeViolation;
import dev.alknet.storage.StorageException;
import java.sql.SQLException;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * How storage failures reach a caller of the storage operations (docs/storage.md, "Call-protocol operations"):
 * {@code INVALID} is a {@code VALIDATION_ERROR}, {@code NOT_FOUND} and {@code ALREADY_EXISTS} are an
 * {@code EXECUTION_ERROR} whose details name the kind, {@code UNAVAILABLE} a retryable {@code UNKNOWN_ERROR}.
 *
 * <p>Messages storage wrote itself name the field or rule and go out as they are. A message built from a driver
 * exception (a constraint caught by the database, a connection failure) may quote SQL, so the caller gets a fixed
 * one instead and the original is logged here.
 */
final class StorageErrors {

    private static final Logger LOG = LoggerFactory.getLogger(StorageErrors.class);

    private StorageErrors() {
    }

    /**
     * @param attributesAt the JSON pointer of the attributes in the operation's input, which attribute pointers are
     *     reported under (so {@code /scopes/1} of the attributes is {@code /attributes/scopes/1} of the input)
     */
    static CallException toCall(String operationId, StorageException e, String attributesAt) {
        if (e instanceof AttributeValidationException invalid) {
            return invalidAttributes(operationId, invalid, attributesAt);
        }
        ObjectNode details = FrameCodec.jsonMapper().createObjectNode().put("storage_error",
                e.kind().name().toLowerCase(Locale.ROOT));
        return switch (e.kind()) {
            case INVALID -> new CallException(ErrorCode.VALIDATION_ERROR, message(operationId, e, "rejected by the "
                    + "storage rules"), details, false);
            case NOT_FOUND -> new CallException(ErrorCode.EXECUTION_ERROR, message(operationId, e, "refers to "
                    + "something that does not exist"), details, false);
            case ALREADY_EXISTS -> new CallException(ErrorCode.EXECUTION_ERROR, message(operationId, e, "already "
                    + "exists"), details, false);
            case UNAVAILABLE -> {
                LOG.warn("{}: storage unavailable: {}", operationId, e.getMessage());
                yield new CallException(ErrorCode.UNKNOWN_ERROR, operationId + ": storage is unavailable, retry later",
                        details, true);
            }
        };
    }

    private static String message(String operationId, StorageException e, String fixed) {
        if (e.getCause() instanceof SQLException) {
            LOG.info("{}: {}", operationId, e.getMessage());
            return operationId + ": " + fixed;
        }
        return e.getMessage();
    }

    /** The same shape as an input schema failure, {@code details.errors[] = {pointer, keyword, message}}. */
    private static CallException invalidAttributes(String operationId, AttributeValidationException e,
            String attributesAt) {
        ObjectNode details = FrameCodec.jsonMapper().createObjectNode().put("storage_error", "invalid");
        ArrayNode errors = details.putArray("errors");
        for (AttributeViolation v : e.violations()) {
            errors.addObject().put("pointer", attributesAt + v.pointer()).put("keyword", v.keyword())
                    .put("message", v.message());
        }
        String pointer = attributesAt + e.pointer();
        return new CallException(ErrorCode.VALIDATION_ERROR, "input of " + operationId + " is invalid at '" + pointer
                + "': " + e.getMessage(), details, false);
    }
}
