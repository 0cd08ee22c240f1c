package org.lcnflow.core.testing;

import java.lang.management.ManagementFactory;

/** The bytes a piece of code allocates, in every thread (a pool's workers included). */
public final class Allocations {

    private Allocations() {
    }

    /**
     * @param work the code, run once
     * @return the bytes allocated by all threads while it ran (the measurement itself allocates a little)
     */
    public static long inAllThreads(Runnable work) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long[] ids = threads.getAllThreadIds();
        long before = sum(threads.getThreadAllocatedBytes(ids));
        work.run();
        return sum(threads.getThreadAllocatedBytes(ids)) - before;
    }

    private static long sum(long[] values) {
        long sum = 0;
        for (long v : values) {
            sum += Math.max(0, v);
        }
        return sum;
    }
}
