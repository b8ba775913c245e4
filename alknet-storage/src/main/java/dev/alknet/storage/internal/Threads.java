package dev.alknet.storage.internal;

/** Waiting for the delivery threads of subscriptions and listeners when they are closed. */
final class Threads {

    private Threads() {
    }

    /**
     * Waits up to {@code millis} for {@code thread} to end, unless it is the calling thread (a handler closing its own
     * subscription must not wait for itself).
     */
    static void joinUnlessCurrent(Thread thread, long millis) {
        if (Thread.currentThread() == thread) {
            return;
        }
        try {
            thread.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
