package dev.alknet.callproto;

/**
 * The code behind an operation: a {@link CallHandler} for queries and mutations, a {@link SubscriptionHandler} for
 * subscriptions. Handlers run on the session's executor, never on an I/O thread, so they may block.
 */
public sealed interface OperationHandler permits CallHandler, SubscriptionHandler {
}
