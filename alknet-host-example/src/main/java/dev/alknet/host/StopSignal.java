package dev.alknet.host;

/** Tells a long-running command ({@code serve}, {@code connect}) when to shut down. */
interface StopSignal {

    /**
     * Says the command stops when asked: from now on a signal waits for it to close (rather than ending the process
     * at once). Called first thing by commands that {@link #await} or watch the signal, so that a signal arriving
     * while they start up is not lost.
     */
    default void watch() {
    }

    /** Blocks until the command should stop. */
    void await() throws InterruptedException;
}
