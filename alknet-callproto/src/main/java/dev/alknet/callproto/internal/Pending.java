package dev.alknet.callproto.internal;

import dev.alknet.callproto.CallException;
import tools.jackson.databind.JsonNode;

/** A call this side made and still waits on, as the reader thread sees it. */
public sealed interface Pending permits PendingCall, StreamPublisher {

    /**
     * A {@code call.responded} arrived. May block (subscriptions with a full buffer): that is how the session stops
     * reading for a slow consumer.
     */
    void deliver(JsonNode output) throws InterruptedException;

    /** A {@code call.completed} arrived. */
    void complete();

    /** A {@code call.error} or {@code call.aborted} arrived, the call timed out or the session closed. */
    void fail(CallException error);
}
