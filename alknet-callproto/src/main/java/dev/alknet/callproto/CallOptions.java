package dev.alknet.callproto;

import dev.alknet.callproto.internal.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How long to wait for a call, and what to tell the handler about it.
 *
 * @param timeout how long this side waits; null for the session default (calls) or no limit (subscriptions). Local
 *     only: it is not sent, so clock differences between nodes do not matter. When it passes, the call fails with
 *     {@link ErrorCode#TIMEOUT} and {@code call.aborted} tells the handler to stop
 * @param deadlineEpochMillis absolute deadline in epoch milliseconds, or null; sent as {@code deadline}, so the
 *     handler refuses to start after it and is cancelled when it passes. This side also stops waiting then
 * @param parentRequestId the request this call is nested in (for call graphs and abort cascades), or null
 */
public record CallOptions(Duration timeout, Long deadlineEpochMillis, String parentRequestId) {

    private static final CallOptions DEFAULTS = new CallOptions(null, null, null);

    public CallOptions {
        if (timeout != null) {
            Durations.positive(timeout, "timeout");
        }
    }

    public static CallOptions defaults() {
        return DEFAULTS;
    }

    public static CallOptions timeout(Duration timeout) {
        return DEFAULTS.withTimeout(timeout);
    }

    public static CallOptions deadline(Instant deadline) {
        return DEFAULTS.withDeadline(deadline);
    }

    public CallOptions withTimeout(Duration timeout) {
        return new CallOptions(Objects.requireNonNull(timeout, "timeout"), deadlineEpochMillis, parentRequestId);
    }

    public CallOptions withDeadline(Instant deadline) {
        return new CallOptions(timeout, deadline.toEpochMilli(), parentRequestId);
    }

    public CallOptions withParentRequestId(String parentRequestId) {
        return new CallOptions(timeout, deadlineEpochMillis, parentRequestId);
    }
}
