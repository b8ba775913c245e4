package dev.alknet.callproto;

import java.util.concurrent.CancellationException;

/**
 * Where a {@link SubscriptionHandler} puts its items. Each item becomes one {@code call.responded} frame.
 *
 * <p>{@link #emit} blocks while the session's window of unsent items is full, which happens when the other side
 * stops reading because its subscriber is slower than the handler; the handler thus runs at the consumer's pace
 * and nothing is dropped.
 */
public interface SubscriptionSink {

    /**
     * Sends one item, waiting for room in the session's outbound window.
     *
     * @param item a {@link tools.jackson.databind.JsonNode}, or any value the shared Jackson mapper can convert
     * @throws InterruptedException when the handler's thread is interrupted (an abort does that)
     * @throws CancellationException when the call was aborted, timed out or its session closed
     */
    void emit(Object item) throws InterruptedException;
}
