package dev.alknet.callproto.internal;

import dev.alknet.callproto.CallException;
import dev.alknet.callproto.ErrorCode;
import dev.alknet.core.frame.FrameCodec;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
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
     * A typed call over an untyped one: the input converted to JSON before {@code call}, its output converted back.
     * A conversion failure is a {@link ErrorCode#VALIDATION_ERROR} in the returned future.
     */
    public static <T> CompletableFuture<T> typed(String operationId, Object input, Class<T> outputType,
            Function<JsonNode, CompletableFuture<JsonNode>> call) {
        JsonNode tree;
        try {
            tree = toTree(input);
        } catch (JacksonException e) {
            return CompletableFuture.failedFuture(new CallException(ErrorCode.VALIDATION_ERROR,
                    "input for " + operationId + " does not convert to JSON: " + e.getOriginalMessage()));
        }
        return call.apply(tree).thenApply(output -> fromTree(output, outputType, operationId));
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
