package org.lcnflow.core.risk.engine;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;

/**
 * A few shared daemon threads that help run the chunks of a {@link Job}: the calling thread always works
 * on its own job, and idle workers join it. Which thread runs which chunk is left to chance; a job's
 * chunks write to their own result slots and the caller reduces them in chunk order, so the results do
 * not depend on the number of threads.
 *
 * <p>Nothing is allocated per {@link Job#run()} in steady state: jobs are made once and reused, workers
 * find them on a fixed board, and waiting is spinning then {@link LockSupport#park}.
 */
final class ChunkPool {

    /** How many jobs can look for helpers at once; a job that finds the board full runs alone. */
    private static final int BOARD_SIZE = 32;
    /** Spin iterations before a waiting thread parks: consecutive evaluations follow each other closely. */
    private static final int SPINS = 1 << 14;

    private static final class Holder {
        static final ChunkPool SHARED = new ChunkPool(Math.max(0, Runtime.getRuntime().availableProcessors() - 1));
    }

    private final AtomicReferenceArray<Job> board = new AtomicReferenceArray<>(BOARD_SIZE);
    private final Thread[] workers;

    private ChunkPool(int workerCount) {
        workers = new Thread[workerCount];
        for (int i = 0; i < workerCount; i++) {
            Thread t = new Thread(this::work, "lcn-flow-chunk-worker-" + (i + 1));
            t.setDaemon(true);
            workers[i] = t;
            t.start();
        }
    }

    /** @return the process-wide pool, with one worker fewer than there are processors */
    static ChunkPool shared() {
        return Holder.SHARED;
    }

    /** @return the number of worker threads (besides the callers) */
    int workerCount() {
        return workers.length;
    }

    /** One chunked computation. */
    @FunctionalInterface
    interface Chunks {

        /**
         * @param chunk the chunk, {@code 0 <= chunk < count}
         * @param slot  the work-space slot of the calling thread, {@code 0 <= slot < threads}; no two threads
         *              hold one slot at once
         */
        void run(int chunk, int slot);
    }

    /**
     * @param chunks  the computation
     * @param count   the number of chunks, {@code >= 1}
     * @param threads the most threads that may work on it at once, the caller included, {@code >= 1}
     * @return a reusable job; give each calling thread its own
     */
    Job job(Chunks chunks, int count, int threads) {
        return new Job(chunks, count, threads);
    }

    private void work() {
        int idle = 0;
        while (true) {
            boolean helped = false;
            for (int i = 0; i < BOARD_SIZE; i++) {
                Job job = board.get(i);
                if (job != null && job.help()) {
                    helped = true;
                }
            }
            if (helped) {
                idle = 0;
            } else if (++idle < SPINS) {
                Thread.onSpinWait();
            } else {
                idle = 0;
                LockSupport.park(this);
            }
        }
    }

    /**
     * A chunked computation that is run repeatedly by one owning thread. State: a round number and the
     * number of helpers that joined the current round; a round is closed before its job leaves the board,
     * so a late helper cannot join, and the owner waits until every helper that joined has left.
     */
    final class Job {
        private static final long CLOSED = 1L << 32;
        private static final long JOINED_MASK = CLOSED - 1;

        private final Chunks chunks;
        private final int count;
        private final int helpers;
        /** {@code round << 33 | closed << 32 | joined}. */
        private final AtomicLong state = new AtomicLong(CLOSED);
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicInteger done = new AtomicInteger();
        private final AtomicInteger left = new AtomicInteger();
        private volatile Thread owner;
        private volatile Throwable failure;
        private long round;

        private Job(Chunks chunks, int count, int threads) {
            if (count < 1 || threads < 1) {
                throw new IllegalArgumentException("count and threads must be >= 1, got " + count + ", " + threads);
            }
            this.chunks = chunks;
            this.count = count;
            this.helpers = Math.min(threads, count) - 1;
        }

        /** Runs every chunk once, on the calling thread and any idle workers, and returns when all are done. */
        void run() {
            if (helpers == 0 || workers.length == 0) {
                for (int c = 0; c < count; c++) {
                    chunks.run(c, 0);
                }
                return;
            }
            owner = Thread.currentThread();
            failure = null;
            next.set(0);
            done.set(0);
            left.set(0);
            round++;
            state.set(round << 33); // open, nobody joined
            int slot = publish();
            if (slot >= 0) {
                for (Thread worker : workers) {
                    LockSupport.unpark(worker);
                }
            }
            try {
                work(0);
            } finally {
                long closed = state.getAndUpdate(s -> s | CLOSED);
                if (slot >= 0) {
                    board.compareAndSet(slot, this, null);
                }
                int joined = (int) (closed & JOINED_MASK);
                awaitQuiet(joined);
            }
            Throwable t = failure;
            if (t != null) {
                failure = null;
                if (t instanceof RuntimeException) {
                    throw (RuntimeException) t;
                }
                if (t instanceof Error) {
                    throw (Error) t;
                }
                throw new IllegalStateException(t);
            }
        }

        private int publish() {
            for (int i = 0; i < BOARD_SIZE; i++) {
                if (board.get(i) == null && board.compareAndSet(i, null, this)) {
                    return i;
                }
            }
            return -1;
        }

        /** Claims and runs chunks until none are left. */
        private void work(int slot) {
            int c;
            while ((c = next.getAndIncrement()) < count) {
                try {
                    if (failure == null) {
                        chunks.run(c, slot);
                    }
                } catch (Throwable t) {
                    if (failure == null) {
                        failure = t;
                    }
                } finally {
                    if (done.incrementAndGet() == count) {
                        LockSupport.unpark(owner);
                    }
                }
            }
        }

        /** Waits until all chunks are done and the {@code joined} helpers have left. */
        private void awaitQuiet(int joined) {
            int spins = 0;
            while (done.get() < count || left.get() < joined) {
                if (++spins < SPINS) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this);
                }
            }
        }

        /** Called by a worker: joins the open round if there is room, helps, leaves. */
        private boolean help() {
            long s = state.get();
            if ((s & CLOSED) != 0 || (s & JOINED_MASK) >= helpers || next.get() >= count) {
                return false;
            }
            if (!state.compareAndSet(s, s + 1)) {
                return false;
            }
            try {
                work((int) (s & JOINED_MASK) + 1);
            } finally {
                left.incrementAndGet();
                LockSupport.unpark(owner);
            }
            return true;
        }
    }
}
