package dev.alknet.callproto.internal;

import dev.alknet.callproto.CallException;
import dev.alknet.callproto.ErrorCode;
import dev.alknet.core.frame.FrameCodec;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** Conversions between payload trees and user types, through the frame layer's shared mapper. */
public final class Json {

    private Json() {
    }

    /** A {@link JsonNode} as is, anything else converted. */
    public static JsonNode toTree(Object value) {
        return value instanceof JsonNode node ? node : FrameCodec.jsonMapper().valueToTree(value);
    }

    /**
     * @throws CallException {@link ErrorCode#VALIDATION_ERROR} when the tree does not fit {@code type}; Jackson's
     *     message names the field, never the whole payload
     */
    public static <T> T fromTree(JsonNode tree, Class<T> type, String operationId) {
        try {
            return FrameCodec.jsonMapper().treeToValue(tree, type);
        } catch (JacksonException e) {
            throw new CallException(ErrorCode.VALIDATION_ERROR, "value for " + operationId + " does not convert to "
                    + type.getSimpleName() + ": " + e.getOriginalMessage());
        }
    }
}
