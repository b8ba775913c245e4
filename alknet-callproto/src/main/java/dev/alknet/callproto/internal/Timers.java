package dev.alknet.callproto.internal;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * One daemon thread for every timeout and deadline of the JVM's sessions. Its tasks only flip state and enqueue
 * frames; anything a user supplied (future callbacks, subscribers) runs on a session executor instead, so a slow
 * callback cannot delay other sessions' timeouts.
 */
public final class Timers {

    private static final ScheduledThreadPoolExecutor SCHEDULER = create();

    private Timers() {
    }

    public static ScheduledFuture<?> schedule(Runnable task, long delayMillis) {
        return SCHEDULER.schedule(task, Math.max(0, delayMillis), TimeUnit.MILLISECONDS);
    }

    private static ScheduledThreadPoolExecutor create() {
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "alknet-callproto-timer");
            thread.setDaemon(true);
            return thread;
        });
        // Most timers are cancelled because the call finished first; drop them at once rather than at expiry.
        scheduler.setRemoveOnCancelPolicy(true);
        return scheduler;
    }
}
