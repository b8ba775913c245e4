package dev.alknet.transport.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Netty's leak detector, recording leaks instead of only logging them. The surefire configuration installs it
 * with {@code io.netty.customResourceLeakDetector} at level PARANOID, so every buffer is tracked. Test classes
 * check with {@link #assertNoLeaks()} or {@code @ExtendWith(NoLeaks.class)}.
 */
public final class LeakRecorder<T> extends ResourceLeakDetector<T> {

    private static final List<String> LEAKS = new CopyOnWriteArrayList<>();

    public LeakRecorder(Class<?> resourceType, int samplingInterval) {
        super(resourceType, samplingInterval);
    }

    public LeakRecorder(Class<?> resourceType, int samplingInterval, long maxActive) {
        this(resourceType, samplingInterval);
    }

    /**
     * Always report. Netty's default asks its logger whether ERROR is enabled and silently drops every leak when
     * it is not, which is what happens when Netty picked its logger (SLF4J without a provider: a no-op logger)
     * before anything could point it elsewhere. Recording must not depend on logging.
     */
    @Override
    protected boolean needReport() {
        return true;
    }

    @Override
    protected void reportTracedLeak(String resourceType, String records) {
        LEAKS.add(resourceType + records);
        super.reportTracedLeak(resourceType, records);
    }

    @Override
    protected void reportUntracedLeak(String resourceType) {
        LEAKS.add(resourceType);
        super.reportUntracedLeak(resourceType);
    }

    /** Collects garbage and lets the detector look at what was collected; leaks are reported on allocation. */
    public static void assertNoLeaks() throws InterruptedException {
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(20);
            for (int j = 0; j < 100; j++) {
                ByteBufAllocator.DEFAULT.buffer(16).release();
            }
        }
        assertThat(LEAKS).as("leaked buffers").isEmpty();
        assertThat(ResourceLeakDetector.getLevel()).isEqualTo(ResourceLeakDetector.Level.PARANOID);
    }
}
