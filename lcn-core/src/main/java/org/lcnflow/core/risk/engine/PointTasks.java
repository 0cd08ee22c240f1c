package org.lcnflow.core.risk.engine;

import java.util.Arrays;

/**
 * Independent evaluations at several points (the stages of an implicit Runge-Kutta step, the runs of a batch) spread
 * over the shared {@link ChunkPool}: point {@code p} is chunk {@code p}, run by the calling thread or an idle worker in
 * a work-space slot of its own. A point's result depends on nothing but the point and its slot's work space, never on
 * which thread ran it, so the results are the same bits with any number of threads. For problems whose single pass is
 * too small to split ({@link DataPass#threads()} 1): two cores then evaluate two points at once. Allocates nothing per
 * {@link #run} once a batch of that size has run. Not thread-safe: one per owning thread.
 */
public final class PointTasks {

    /** The evaluation of one point. */
    @FunctionalInterface
    public interface Task {

        /**
         * @param point the point, {@code 0 <= point < count}
         * @param slot  the work space to use, {@code 0 <= slot < }{@link #threads()}; slot 0 is the caller's
         */
        void run(int point, int slot);
    }

    private final Task task;
    private final int threads;
    /** The pool's jobs by batch size, made at the first batch of each size. */
    private ChunkPool.Job[] jobs = new ChunkPool.Job[0];

    /**
     * @param task    the evaluation
     * @param threads the most threads, the caller included, {@code >= 1}; fewer when the pool has fewer workers
     */
    public PointTasks(Task task, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.task = task;
        this.threads = threads(threads);
    }

    /**
     * @param threads the most threads asked for
     * @return how many a batch can use: at most one more than the shared pool's workers (the pool starts only when a
     *         batch is asked for more than one)
     */
    public static int threads(int threads) {
        return threads <= 1 ? 1 : Math.min(threads, ChunkPool.shared().workerCount() + 1);
    }

    /** @return the work-space slots a batch may use */
    public int threads() {
        return threads;
    }

    /**
     * Runs the task at points {@code 0 .. count - 1} and returns when all are done; rethrows the first failure.
     *
     * @param count the points, {@code >= 0}
     */
    public void run(int count) {
        if (threads == 1 || count < 2) {
            for (int p = 0; p < count; p++) {
                task.run(p, 0);
            }
            return;
        }
        if (count >= jobs.length) {
            jobs = Arrays.copyOf(jobs, count + 1);
        }
        if (jobs[count] == null) {
            jobs[count] = ChunkPool.shared().job(task::run, count, threads);
        }
        jobs[count].run();
    }
}
