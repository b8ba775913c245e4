package dev.alknet.host;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import sun.misc.Signal;

/**
 * SIGTERM and SIGINT for the real process: each asks the running command to stop; the command closes what it owns
 * and returns, and the process then exits with the command's code through {@link System#exit}, so every other
 * shutdown hook (log appenders, a JFR {@code dumponexit} recording) runs too.
 *
 * <p>The signals are handled, not left to the JVM: a JVM shutting down on SIGTERM exits with 143 even after a clean
 * stop, and {@code System.exit} cannot be called while its hooks run. A second signal, or a close that takes longer
 * than {@value #CLOSE_GRACE_SECONDS} s, ends the process at once. A command that never waits for the stop signal
 * (keygen, a plain call) is not asked: the signal exits as usual (130 for SIGINT, 143 for SIGTERM). Shutdowns of
 * other origins (SIGHUP, another {@code System.exit}) still ask a waiting command to stop, from a shutdown hook, and
 * give it the same grace.
 */
final class ProcessSignals implements StopSignal {

    /** Longer than the server's 2 s drain, short enough that a stuck close does not hang a service manager. */
    private static final long CLOSE_GRACE_SECONDS = 15;
    /** What a shell reports for a process ended by a signal it could not stop for in time. */
    private static final int FORCED_EXIT = 1;

    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch commandDone = new CountDownLatch(1);
    /** Whether the command waits for the stop signal, i.e. will return when asked to stop. */
    private volatile boolean watched;

    private ProcessSignals() {
    }

    static ProcessSignals install() {
        ProcessSignals signals = new ProcessSignals();
        Signal.handle(new Signal("TERM"), signals::onSignal);
        Signal.handle(new Signal("INT"), signals::onSignal);
        Runtime.getRuntime().addShutdownHook(new Thread(signals::onShutdown, "alknet-shutdown"));
        return signals;
    }

    @Override
    public void watch() {
        watched = true;
    }

    @Override
    public void await() throws InterruptedException {
        watched = true;
        stopRequested.await();
    }

    /** Ends the process with {@code code} once the command has returned. */
    void exit(int code) {
        commandDone.countDown();
        System.out.flush();
        System.err.flush();
        System.exit(code);
    }

    private void onSignal(Signal signal) {
        if (!watched) {
            System.exit(128 + signal.getNumber());
        }
        if (stopRequested.getCount() == 0) {
            Runtime.getRuntime().halt(FORCED_EXIT);
        }
        stopRequested.countDown();
        Thread deadline = new Thread(() -> {
            try {
                if (!commandDone.await(CLOSE_GRACE_SECONDS, TimeUnit.SECONDS)) {
                    Runtime.getRuntime().halt(FORCED_EXIT);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "alknet-stop-deadline");
        deadline.setDaemon(true);
        deadline.start();
    }

    private void onShutdown() {
        stopRequested.countDown();
        if (!watched) {
            return;
        }
        try {
            commandDone.await(CLOSE_GRACE_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
