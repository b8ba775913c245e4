package dev.alknet.callproto;

import tools.jackson.databind.JsonNode;

/**
 * Runs a subscription: emits items through the sink, then returns to send {@code call.completed}. Throwing ends the
 * stream with a {@code call.error} as for {@link CallHandler}. An abort from the caller interrupts the handler's
 * thread, and every later {@link SubscriptionSink#emit} throws.
 */
@FunctionalInterface
public non-sealed interface SubscriptionHandler extends OperationHandler {

    void handle(JsonNode input, OperationEnv env, SubscriptionSink sink) throws Exception;
}
