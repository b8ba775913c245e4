package dev.alknet.callproto;

import tools.jackson.databind.JsonNode;

/**
 * Runs a query or mutation. The input has passed access control and the spec's input schema.
 *
 * <p>Returning sends {@code call.responded}. Throwing a {@link CallException} sends its code; any other exception
 * sends {@link ErrorCode#EXECUTION_ERROR} with the exception's message. When the caller aborts or the deadline
 * passes, the handler's thread is interrupted and {@link OperationEnv#isCancelled()} turns true; what it returns
 * then is discarded.
 */
@FunctionalInterface
public non-sealed interface CallHandler extends OperationHandler {

    JsonNode handle(JsonNode input, OperationEnv env) throws Exception;
}
