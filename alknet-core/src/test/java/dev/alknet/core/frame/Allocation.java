package dev.alknet.core.frame;

import java.lang.management.ManagementFactory;

/** Reads how much the current thread has allocated, to check that decoders do not allocate what peers announce. */
final class Allocation {

    private Allocation() {
    }

    static long currentThreadBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                .getCurrentThreadAllocatedBytes();
    }
}
